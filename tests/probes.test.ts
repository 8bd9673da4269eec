import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBGRAPHS } from "@shop/runtime";
import { testConfig, UNREACHABLE_SUBGRAPH_URL } from "@shop/runtime/testing";
import { startStack, type Stack } from "./support/stack";

// Every service's probes as an orchestrator calls them: no credentials, JSON answers, readiness that means "can serve".
let stack: Stack;

beforeAll(async () => {
  stack = await startStack(testConfig(), SUBGRAPHS, { gateway: true });
}, 60_000);
afterAll(() => stack?.stop());

const probe = async (graphqlUrl: string, path: string) => (await fetch(new URL(path, graphqlUrl))).status;

describe("health probes", () => {
  it("every subgraph is live and ready, without an internal token", async () => {
    for (const name of SUBGRAPHS) {
      const url = stack.subgraphs[name]!.url;
      expect({ name, livez: await probe(url, "/livez"), readyz: await probe(url, "/readyz"), health: await probe(url, "/health") }).toEqual(
        {
          name,
          livez: 200,
          readyz: 200,
          health: 200,
        },
      );
    }
  });

  it("the gateway is ready only while it can reach every subgraph", async () => {
    expect(await probe(stack.gatewayUrl, "/readyz")).toBe(200);
    const cartUrl = stack.config.subgraphs.cart.url;
    stack.config.subgraphs.cart.url = UNREACHABLE_SUBGRAPH_URL;
    try {
      expect(await probe(stack.gatewayUrl, "/readyz")).toBe(503);
      expect(await probe(stack.gatewayUrl, "/health")).toBe(503);
      // Still live: restarting the gateway would not bring the cart back.
      expect(await probe(stack.gatewayUrl, "/livez")).toBe(200);
    } finally {
      stack.config.subgraphs.cart.url = cartUrl;
    }
    expect(await probe(stack.gatewayUrl, "/readyz")).toBe(200);
  });
});
