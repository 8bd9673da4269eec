import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, MAX_ORDER_LINES, signUserToken, type Viewer } from "@shop/runtime";
import { admin, customer, useStack } from "@shop/runtime/testing";
import { cartRowOf, putLines, storedLines, type CartSubgraph } from "./fixtures";

// addToCart prices from the product subgraph, and @requires needs the gateway: both run beside the cart here (this
// package's devDependencies).
const shop = useStack(["product", "cart"], { gateway: true });
const cart = shop.subgraph<CartSubgraph>("cart");
const catalog = shop.subgraph("product");
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { id itemCount items { quantity product { id } } } }`;
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
let categorySlug: string;

/** Creates an ACTIVE product as an ADMIN through the product subgraph, the way the shop does. */
async function product(priceAmount = 1250, currency = "USD"): Promise<string> {
  const t = tag();
  const response = await catalog.call(
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { input: { sku: `CART-${t}`.toUpperCase(), title: `Cart test ${t}`, priceAmount, currency, categorySlug } },
    admin(),
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createProduct.id as string;
}

/** A customer whose cart already holds `quantity` of `productId`. */
async function shopperHolding(productId: string, quantity: number) {
  const viewer = customer();
  const added = await cart.call(ADD, { p: productId, q: quantity }, viewer);
  expect(added.errors).toBeUndefined();
  return { viewer, cartId: added.data!.addToCart.id as string };
}

beforeAll(async () => {
  // Products need a category; the product subgraph has no mutation for one, so the test inserts it.
  const products = connectDatabase(shop.config.subgraphs.product.databaseUrl, {}, { max: 1 });
  categorySlug = `cart-tests-${tag()}`;
  await products.sql`insert into categories (slug, name) values (${categorySlug}, ${`Cart tests ${categorySlug}`})`;
  await products.close();
});

describe("addToCart", () => {
  it("adds one unit by default and merges later adds into the same line", async () => {
    const p = await product();
    const viewer = customer();
    const first = await cart.call(
      `mutation($p: ID!) { addToCart(productId: $p) { itemCount items { quantity product { id } } } }`,
      { p },
      viewer,
    );
    expect(first.data!.addToCart).toEqual({ itemCount: 1, items: [{ quantity: 1, product: { id: p } }] });
    const merged = await cart.call(ADD, { p: p.toUpperCase(), q: 4 }, viewer);
    expect(merged.data!.addToCart.items).toEqual([{ quantity: 5, product: { id: p } }]);
  });

  it.each([
    ["a malformed product id", () => ({ p: "42", q: 1 }), "BAD_USER_INPUT", "productId"],
    ["quantity 0", (p: string) => ({ p, q: 0 }), "BAD_USER_INPUT", "quantity"],
    ["quantity 100", (p: string) => ({ p, q: 100 }), "BAD_USER_INPUT", "quantity"],
    ["a merge past 99", (p: string) => ({ p, q: 98 }), "BAD_USER_INPUT", "quantity"],
    ["an unknown product", () => ({ p: randomUUID(), q: 1 }), "NOT_FOUND", undefined],
  ])("refuses %s and leaves the cart unchanged", async (_, variables, code, field) => {
    const p = await product();
    const { viewer, cartId } = await shopperHolding(p, 2);
    const before = await storedLines(cart.subgraph, cartId);
    const response = await cart.call(ADD, variables(p), viewer);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await storedLines(cart.subgraph, cartId)).toEqual(before);
  });

  it("refuses an archived product as no longer sold, without creating a cart", async () => {
    const p = await product();
    const archived = await catalog.call(`mutation($id: ID!) { archiveProduct(id: $id) { status } }`, { id: p }, admin());
    expect(archived.data?.archiveProduct.status).toBe("ARCHIVED");
    const viewer = customer();
    const response = await cart.call(ADD, { p, q: 1 }, viewer);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "productId" } });
    expect(response.errors?.[0]?.message).toMatch(/no longer sold/);
    expect(await cartRowOf(cart.subgraph, viewer.userId)).toHaveLength(0);
  });

  it("loses no unit when one shopper adds the same product ten times at once", async () => {
    const p = await product();
    const viewer = customer();
    const responses = await Promise.all(Array.from({ length: 10 }, () => cart.call(ADD, { p, q: 1 }, viewer)));
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    const [row] = await cartRowOf(cart.subgraph, viewer.userId);
    expect((await storedLines(cart.subgraph, row!.id)).map((line) => line.quantity)).toEqual([10]);
  });

  it(`never holds more than ${MAX_ORDER_LINES} lines (what one reservation takes), even when products are added at once`, async () => {
    const { viewer, cartId } = await shopperHolding(await product(), 1);
    await putLines(
      cart.subgraph,
      cartId,
      Array.from({ length: MAX_ORDER_LINES - 6 }, () => ({ quantity: 1 })),
    );
    const fresh = await Promise.all(Array.from({ length: 20 }, () => product()));
    const responses = await Promise.all(fresh.map((p) => cart.call(ADD, { p, q: 1 }, viewer)));
    const refused = responses.flatMap((response) => response.errors ?? []);
    expect(refused).toHaveLength(15);
    for (const error of refused) {
      expect(error).toMatchObject({
        message: `productId: the cart already holds ${MAX_ORDER_LINES} products, the most one order takes: remove one first`,
        extensions: { code: "BAD_USER_INPUT", field: "productId" },
      });
    }
    expect(await storedLines(cart.subgraph, cartId)).toHaveLength(MAX_ORDER_LINES);
    // A full cart still takes more units of a product it holds.
    const held = fresh[responses.findIndex((response) => !response.errors)]!;
    const merged = await cart.call(ADD, { p: held, q: 2 }, viewer);
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.addToCart.items).toContainEqual({ quantity: 3, product: { id: held } });
  });
});

describe("through the gateway (@requires)", () => {
  const CART = `{ cart { itemCount items { quantity product { id } unitPrice { amount currency } lineTotal { amount } } subtotal { amount currency } } }`;
  const asClient = async (query: string, viewer: Viewer, variables: Record<string, unknown> = {}) => {
    const token = await signUserToken(shop.config.jwt.secret, viewer, 600);
    const response = await fetch(shop.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };

  it("prices lines and the subtotal with the products' current prices", async () => {
    const [a, b] = [await product(1999), await product(250)];
    const { viewer } = await shopperHolding(a, 2);
    await cart.call(ADD, { p: b, q: 3 }, viewer);
    const response = await asClient(CART, viewer);
    expect(response.errors).toBeUndefined();
    expect(response.data.cart).toEqual({
      itemCount: 5,
      items: [
        { quantity: 2, product: { id: a }, unitPrice: { amount: 1999, currency: "USD" }, lineTotal: { amount: 3998 } },
        { quantity: 3, product: { id: b }, unitPrice: { amount: 250, currency: "USD" }, lineTotal: { amount: 750 } },
      ],
      subtotal: { amount: 4748, currency: "USD" },
    });

    const repriced = await catalog.call(
      `mutation($id: ID!) { updateProduct(id: $id, input: { priceAmount: 2000 }) { id } }`,
      { id: b },
      admin(),
    );
    expect(repriced.errors).toBeUndefined();
    const after = await asClient(`mutation($p: ID!) { updateCartItem(productId: $p, quantity: 1) { subtotal { amount } } }`, viewer, {
      p: a,
    });
    expect(after.data?.updateCartItem.subtotal.amount).toBe(1999 + 3 * 2000);
  });

  it("reports a cart mixing currencies as a CONFLICT on subtotal", async () => {
    const { viewer } = await shopperHolding(await product(100, "USD"), 1);
    await cart.call(ADD, { p: await product(100, "EUR"), q: 1 }, viewer);
    const response = await asClient(`{ cart { itemCount subtotal { amount } } }`, viewer);
    expect(response.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(response.errors?.[0]?.message).toMatch(/different currencies/);
  });
});
