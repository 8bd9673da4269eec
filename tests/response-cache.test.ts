import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "@shop/runtime/testing";
import { ProductByIdDocument, UpdateProductDocument, ViewerCartDocument } from "./generated/operations";
import { expectData } from "./support/client";
import { startGatewayProcess } from "./support/gateway-process";
import { createCategory, createStockedProducts, signInAdmin, signUpCustomer } from "./support/shop";
import { startStack, type Stack } from "./support/stack";

// The catalogue's response cache through the gateway, as clients and a CDN see it: Cache-Control per policy, hits for
// anonymous queries only, GET with automatic persisted queries, and invalidation across gateway replicas.

let stack: Stack;
let admin: { token: string };
let productIds: string[];

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart", "order"], { gateway: true });
  admin = await signInAdmin(stack);
  productIds = await createStockedProducts(stack, admin.token, await createCategory(stack), 8, { onHand: 4 });
}, 120_000);
afterAll(() => stack.stop());

const PRICE = "query Price($id: ID) { product(id: $id) { id title price { amount } } }";

/** One POST as a browser sends it; the answer with the headers a CDN reads. */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

describe("Cache-Control on every answer", () => {
  it("is public for catalogue data, as long as its shortest part: a minute for products, 5 s once stock is in it", async () => {
    const product = await post(stack.gatewayUrl, PRICE, { id: productIds[0] });
    expect(product.body.errors).toBeUndefined();
    expect(product.headers.get("cache-control")).toBe("max-age=60, public");
    const withStock = await post(stack.gatewayUrl, "query($id: ID) { product(id: $id) { title inventory { available } } }", {
      id: productIds[0],
    });
    expect(withStock.body.data.product.inventory.available).toBe(4);
    expect(withStock.headers.get("cache-control")).toBe("max-age=5, public");
  });

  it("forbids storing anything about the viewer, any mutation, and any answer with errors", async () => {
    const customer = await signUpCustomer(stack, "Private");
    const cart = await post(stack.gatewayUrl, "{ cart { itemCount } }", {}, { authorization: `Bearer ${customer.token}` });
    expect(cart.body.data.cart.itemCount).toBe(0);
    expect(cart.headers.get("cache-control")).toBe("no-store");
    const mutation = await post(
      stack.gatewayUrl,
      `mutation { updateProduct(id: "${productIds[1]}", input: {}) { id } }`,
      {},
      {
        authorization: `Bearer ${admin.token}`,
      },
    );
    expect(mutation.body.data.updateProduct.id).toBe(productIds[1]);
    expect(mutation.headers.get("cache-control")).toBe("no-store");
    const failed = await post(stack.gatewayUrl, PRICE, { id: "not-a-uuid" });
    expect(failed.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(failed.headers.get("cache-control")).toBe("no-store");
  });
});

describe("the shared response cache", () => {
  it("answers a repeated anonymous query from the cache, with the max-age it has left", async () => {
    const first = await post(stack.gatewayUrl, PRICE, { id: productIds[2] });
    expect(first.headers.get("x-cache")).toBeNull();
    const second = await post(stack.gatewayUrl, PRICE, { id: productIds[2] });
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("cache-control")).toMatch(/^max-age=(60|59), public$/);
  });

  it("never answers a signed-in viewer from the cache, nor caches what a viewer was told", async () => {
    const customer = await signUpCustomer(stack, "Cacheless");
    const auth = { authorization: `Bearer ${customer.token}` };
    await post(stack.gatewayUrl, PRICE, { id: productIds[3] }, auth);
    const again = await post(stack.gatewayUrl, PRICE, { id: productIds[3] }, auth);
    expect(again.headers.get("x-cache")).toBeNull();
    // The anonymous request after them is the first anonymous one: a miss.
    expect((await post(stack.gatewayUrl, PRICE, { id: productIds[3] })).headers.get("x-cache")).toBeNull();
    // A cart is never filed in the cache, not even for the same customer.
    await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token: customer.token });
    const cart = await post(stack.gatewayUrl, "query ViewerCart { cart { itemCount } }", {}, auth);
    expect(cart.headers.get("x-cache")).toBeNull();
  });

  it("serves GET with an automatic persisted query, from the cache once it is known", async () => {
    const query = "query PersistedPrice($id: ID) { product(id: $id) { id price { amount } } }";
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const variables = JSON.stringify({ id: productIds[4] });
    const get = (headers: Record<string, string> = { "apollo-require-preflight": "true" }) =>
      fetch(`${stack.gatewayUrl}?extensions=${encodeURIComponent(extensions)}&variables=${encodeURIComponent(variables)}`, {
        headers,
      }).then(async (response) => ({ status: response.status, headers: response.headers, body: (await response.json()) as any }));

    // Unknown hash: the client is asked for the full query, once.
    expect((await get()).body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { id: productIds[4] }, extensions: JSON.parse(extensions) }),
    });
    expect(((await registered.json()) as any).data.product.id).toBe(productIds[4]);
    // Now by hash alone, with GET: the same answer, from the cache the POST filled, with its CDN headers.
    const byHash = await get();
    expect(byHash.status).toBe(200);
    expect(byHash.body.data.product).toEqual({ id: productIds[4], price: { amount: expect.any(Number) } });
    expect(byHash.headers.get("x-cache")).toBe("hit");
    expect(byHash.headers.get("cache-control")).toMatch(/^max-age=\d+, public$/);
    // A GET a browser would send cross-site without a preflight is refused, cached or not (CSRF prevention).
    const simple = await get({});
    expect(simple.status).toBe(400);
    expect(simple.body.data).toBeUndefined();
  });
});

describe("invalidation on write", () => {
  it("after updateProduct returns, no gateway — this one or a second process on the same Redis — answers the old price", async () => {
    const second = await startGatewayProcess(stack);
    try {
      const gateways = [stack.gatewayUrl, second.url];
      const id = productIds[5]!;
      const priceVia = async (url: string) => (await post(url, PRICE, { id })).body.data.product.price.amount as number;
      for (const price of [2001, 2002, 2003]) {
        // Both gateways have the current price cached, and readers keep asking while the price changes.
        for (const url of gateways) {
          await priceVia(url);
          expect((await post(url, PRICE, { id })).headers.get("x-cache")).toBe("hit");
        }
        let reading = true;
        const readers = gateways.map(async (url) => {
          while (reading) await priceVia(url);
        });
        await expectData(stack.gatewayUrl, UpdateProductDocument, { id, input: { priceAmount: price } }, { token: admin.token });
        // Every read that starts after the update returned sees the new price, through either gateway.
        const after = await Promise.all(
          gateways.flatMap((url) => [
            priceVia(url),
            priceVia(url),
            expectData(url, ProductByIdDocument, { id }).then((d) => d.product!.price.amount),
          ]),
        );
        reading = false;
        await Promise.all(readers);
        expect(after).toEqual(after.map(() => price));
      }
    } finally {
      await second.stop();
    }
  }, 90_000);

  it("drops cached listings when a product is archived", async () => {
    const listing = "query Listing { products(first: 100) { edges { node { id } } } }";
    const idsIn = async () =>
      ((await post(stack.gatewayUrl, listing)).body.data.products.edges as { node: { id: string } }[]).map((e) => e.node.id);
    expect(await idsIn()).toContain(productIds[6]);
    expect((await post(stack.gatewayUrl, listing)).headers.get("x-cache")).toBe("hit");
    await expectData(stack.gatewayUrl, `mutation { archiveProduct(id: "${productIds[6]}") { status } }`, {}, { token: admin.token });
    expect(await idsIn()).not.toContain(productIds[6]);
  });
});
