import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTraceId, extractTraceContext, inSpan, injectTraceContext, serveInSpan, startTracing } from "./tracing";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const traceparent = (trace: string, parent = "00f067aa0ba902b7", flags = "01") => `00-${trace}-${parent}-${flags}`;

// A server whose handler reports the trace it ran in and the headers its own fetch would carry.
let origin: string;
const server = createServer((req, res) =>
  serveInSpan(
    req,
    res,
    "/",
    () => ({ status: 200, operation: null, errorCodes: [] }),
    () => {
      res.end(JSON.stringify({ traceId: currentTraceId() ?? null, outgoing: injectTraceContext({}) }));
    },
  ),
);
beforeAll(async () => {
  startTracing("tracing-test", undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function ask(headers: Record<string, string>): Promise<{ traceId: string | null; outgoing: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = request(origin, { headers }, (res: IncomingMessage) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("trace context (W3C traceparent)", () => {
  it("continues a caller's trace and passes it on with a span id of its own (not sampled: nothing is exported here)", async () => {
    const { traceId, outgoing } = await ask({ traceparent: traceparent(TRACE) });
    expect(traceId).toBe(TRACE);
    expect(outgoing.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
    expect(outgoing.traceparent).not.toContain("00f067aa0ba902b7");
  });

  it("starts a trace of its own when the caller sent none, or an invalid one", async () => {
    const invalid: Record<string, string>[] = [{}, { traceparent: "01-not-a-trace" }, { traceparent: traceparent("0".repeat(32)) }];
    for (const headers of invalid) {
      const { traceId, outgoing } = await ask(headers);
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toMatch(/^0+$/);
      expect(outgoing.traceparent).toContain(traceId);
    }
  });

  it("without an exporter records nothing: the flag says not sampled, and spans are not kept", async () => {
    const { outgoing } = await ask({});
    expect(outgoing.traceparent).toMatch(/-00$/);
    await inSpan("work", {}, async (span) => expect(span.isRecording()).toBe(false));
  });

  it("reads a trace context carried in a message (graphql-ws extensions) as from headers", async () => {
    const parent = extractTraceContext({ traceparent: traceparent(TRACE) });
    await inSpan("from a message", { parent }, async () => expect(currentTraceId()).toBe(TRACE));
  });
});
