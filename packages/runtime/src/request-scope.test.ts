import { describe, expect, it } from "vitest";
import { currentScope, runInScope, scopeHeaders, scopeOf } from "./request-scope";

describe("request scope", () => {
  it("keeps a caller's request id when it is well formed", () => {
    expect(scopeOf({ "x-request-id": "checkout-42:a.b" })).toEqual({ requestId: "checkout-42:a.b" });
  });

  it("starts its own when it is missing or unsafe to log", () => {
    for (const headers of [{}, { "x-request-id": "a b\nforged line" }, { "x-request-id": "x".repeat(129) }]) {
      expect(scopeOf(headers).requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("passes the scope on to the work it runs and to the headers of its fetches", async () => {
    expect(currentScope()).toBeUndefined();
    expect(scopeHeaders()).toEqual({});
    const scope = scopeOf({ "x-request-id": "r-1" });
    const headers = await runInScope(scope, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentScope()).toBe(scope);
      return scopeHeaders();
    });
    expect(headers).toEqual({ "x-request-id": "r-1" });
  });
});
