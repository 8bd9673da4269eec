import { describe, expect, it } from "vitest";
import { currentScope, runInScope, scopeHeaders, scopeOf } from "./request-scope";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const traceparent = (trace: string, parent = "00f067aa0ba902b7") => `00-${trace}-${parent}-01`;

describe("request scope", () => {
  it("keeps a caller's request id and trace id when they are well formed", () => {
    expect(scopeOf({ "x-request-id": "checkout-42:a.b", traceparent: traceparent(TRACE) })).toEqual({
      requestId: "checkout-42:a.b",
      traceId: TRACE,
    });
  });

  it("starts its own when they are missing, malformed, all zeros or unsafe to log", () => {
    for (const headers of [
      {},
      { "x-request-id": "a b\nforged line", traceparent: "01-not-a-trace" },
      { "x-request-id": "x".repeat(129), traceparent: traceparent("0".repeat(32)) },
      { traceparent: traceparent(TRACE, "0".repeat(16)) },
    ]) {
      const scope = scopeOf(headers);
      expect(scope.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(scope.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(scope.traceId).not.toBe(TRACE);
    }
  });

  it("passes the scope on to the work it runs and to the headers of its fetches, with a new span id per hop", async () => {
    expect(currentScope()).toBeUndefined();
    expect(scopeHeaders()).toEqual({});
    const scope = scopeOf({ "x-request-id": "r-1", traceparent: traceparent(TRACE) });
    const [first, second] = await runInScope(scope, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentScope()).toBe(scope);
      return [scopeHeaders(), scopeHeaders()];
    });
    for (const headers of [first, second]) {
      expect(headers["x-request-id"]).toBe("r-1");
      expect(headers.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    }
    expect(first.traceparent).not.toBe(second.traceparent);
  });
});
