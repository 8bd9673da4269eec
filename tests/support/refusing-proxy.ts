import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { INTERNAL_TOKEN_HEADER } from "@shop/runtime";

/**
 * A real HTTP proxy in front of a subgraph that forwards every request except the named operations, which it answers
 * with a 503 as a subgraph in trouble would: a fault in one call the order service makes, the rest left working.
 */
export async function refusingProxy(target: string, refused: readonly string[]) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void forward());
    const forward = async () => {
      const body = Buffer.concat(chunks).toString();
      const query = (JSON.parse(body) as { query: string }).query;
      const operationName = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
      if (refused.includes(operationName)) {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: "unavailable" }] }));
        return;
      }
      const answer = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: String(req.headers[INTERNAL_TOKEN_HEADER] ?? "") },
        body,
      });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    };
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
