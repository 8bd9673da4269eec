import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt } from "jose";
import { INTERNAL_TOKEN_HEADER, REQUEST_ID_HEADER } from "@shop/runtime";

/** A fetch a subgraph received through the recording proxy: who called, for whom, and what it asked. */
interface SeenFetch {
  /** The calling service, as its internal token names it ("gateway", "order", …). */
  service: string;
  /** The viewer the call was made for, or "anonymous". */
  viewer: string;
  /** The operation's name (the sibling documents are all named), or null. */
  operationName: string | null;
  mutation: boolean;
  /** The request id and the W3C trace context the caller passed on (runtime request-scope.ts, tracing.ts). */
  requestId: string | null;
  traceparent: string | null;
}

/**
 * A real HTTP proxy in front of a subgraph that holds each request `delayMs` before forwarding it (so concurrent
 * identical requests overlap for certain) and records each one. `target` is read per request. The operations named in
 * `refuse` are answered with a 503 instead, as a subgraph in trouble would: a fault in one call, the rest working. It
 * reads who called from the internal token without verifying it: the subgraph behind it does that.
 */
export async function recordingProxy(target: () => string, delayMs = 0, refuse: readonly string[] = []) {
  const seen: SeenFetch[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void forward());
    const forward = async () => {
      const body = Buffer.concat(chunks).toString();
      const token = String(req.headers[INTERNAL_TOKEN_HEADER] ?? "");
      const caller = claimsOf(token);
      const query = (JSON.parse(body) as { query: string }).query;
      seen.push({
        service: caller?.iss ?? "unknown",
        viewer: caller?.sub ?? "anonymous",
        operationName: /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1] ?? null,
        mutation: /^\s*mutation/.test(query),
        requestId: single(req.headers[REQUEST_ID_HEADER]),
        traceparent: single(req.headers.traceparent),
      });
      if (refuse.includes(seen.at(-1)!.operationName ?? "")) {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: "unavailable" }] }));
        return;
      }
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const answer = await fetch(target(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [INTERNAL_TOKEN_HEADER]: token,
          // Passed on like any hop would, so the callee's own calls stay in the same request.
          ...Object.fromEntries(
            [REQUEST_ID_HEADER, "traceparent"].flatMap((name) => (req.headers[name] ? [[name, single(req.headers[name])!]] : [])),
          ),
        },
        body,
      });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    };
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function single(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function claimsOf(token: string) {
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}
