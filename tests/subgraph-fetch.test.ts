import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "@shop/gateway";
import { testConfig } from "@shop/runtime/testing";
import { AddToCartDocument, ViewerCartDocument } from "./generated/operations";
import { expectData, request } from "./support/client";
import { createCategory, createStockedProducts, signInAdmin, signUpCustomer } from "./support/shop";
import { recordingProxy } from "./support/recording-proxy";
import { startStack, type Stack } from "./support/stack";

// How the gateway fetches from subgraphs: identical in-flight queries shared only within one viewer, mutations never
// shared, and a subgraph that does not answer in time reported as SERVICE_UNAVAILABLE.

let stack: Stack;
let gateway: { url: string; stop(): Promise<void> };
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let productIds: string[];

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart"], { gateway: true });
  const admin = await signInAdmin(stack);
  productIds = await createStockedProducts(stack, admin.token, await createCategory(stack), 2, { onHand: 50 });
  const cartUrl = stack.config.subgraphs.cart.url;
  proxy = await recordingProxy(() => cartUrl, 150);
  // A second gateway of the same stack whose cart fetches go through the proxy.
  gateway = await startGateway({
    ...stack.config,
    subgraphs: { ...stack.config.subgraphs, cart: { ...stack.config.subgraphs.cart, url: proxy.url } },
  });
}, 120_000);
afterAll(async () => {
  await gateway.stop();
  await proxy.close();
  await stack.stop();
});

describe("sharing identical in-flight subgraph queries", () => {
  it("gives two customers asking the same cart query at the same moment each their own cart, while each one's requests share fetches", async () => {
    const [alice, bob] = await Promise.all([signUpCustomer(stack, "Alice"), signUpCustomer(stack, "Bob")]);
    await expectData(stack.gatewayUrl, AddToCartDocument, { productId: productIds[0]!, quantity: 1 }, { token: alice.token });
    await expectData(stack.gatewayUrl, AddToCartDocument, { productId: productIds[1]!, quantity: 2 }, { token: bob.token });
    proxy.seen.length = 0;

    const asking = Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? alice : bob));
    const answers = await Promise.all(asking.map((customer) => expectData(gateway.url, ViewerCartDocument, {}, { token: customer.token })));
    answers.forEach(({ cart }, index) => {
      const mine = asking[index] === alice ? { productId: productIds[0], quantity: 1 } : { productId: productIds[1], quantity: 2 };
      expect(cart.items.map((item) => ({ productId: item.product.id, quantity: item.quantity }))).toEqual([mine]);
    });
    // Each customer's 20 identical queries became fewer fetches; no fetch was made for anyone else.
    for (const customer of [alice, bob]) {
      const fetches = proxy.seen.filter((seen) => seen.viewer === customer.id).length;
      expect(fetches).toBeGreaterThanOrEqual(1);
      expect(fetches).toBeLessThan(20);
    }
    expect(proxy.seen.every((seen) => seen.viewer === alice.id || seen.viewer === bob.id)).toBe(true);
  });

  it("never shares a mutation: identical concurrent addToCart calls each reach the subgraph and each count", async () => {
    const carol = await signUpCustomer(stack, "Carol");
    proxy.seen.length = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        expectData(gateway.url, AddToCartDocument, { productId: productIds[0]!, quantity: 1 }, { token: carol.token }),
      ),
    );
    expect(proxy.seen.filter((seen) => seen.mutation && seen.viewer === carol.id)).toHaveLength(5);
    const { cart } = await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token: carol.token });
    expect(cart.items.map((item) => item.quantity)).toEqual([5]);
  });
});

describe("a subgraph that does not answer in time", () => {
  it("is SERVICE_UNAVAILABLE (HTTP 503) after SUBGRAPH_TIMEOUT_MS, naming no internal address", async () => {
    // A real server that accepts requests and never answers them.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
    const slow = await startGateway({
      ...stack.config,
      subgraphTimeoutMs: 300,
      subgraphs: { ...stack.config.subgraphs, product: { ...stack.config.subgraphs.product, url: silentUrl } },
    });
    try {
      const started = Date.now();
      const result = await request(slow.url, "{ products(first: 1) { totalCount } }");
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.status).toBe(503);
      expect(result.errors).toEqual([
        { message: "A backing service did not answer: retry shortly", extensions: { code: "SERVICE_UNAVAILABLE" } },
      ]);
      expect(JSON.stringify(result)).not.toContain(String((silent.address() as AddressInfo).port));
    } finally {
      await slow.stop();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
