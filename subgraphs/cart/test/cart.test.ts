import { randomUUID } from "node:crypto";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { TypedDocumentNode } from "@shop/runtime";
import { admin, customer, useSubgraph } from "@shop/runtime/testing";
import { startCartSubgraph } from "../src/app";
import type { CartLine } from "../src/generated/resolvers";
import { seedCarts } from "../src/seed";
import { cartRowOf, putLines, storedLines } from "./fixtures";

const cart = useSubgraph(startCartSubgraph);

const CART = `{ cart { id itemCount items { id quantity product { id } } } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartItem(productId: $p, quantity: $q) { itemCount items { quantity product { id } } } }`;
const REMOVE = `mutation($p: ID!) { removeFromCart(productId: $p) { itemCount } }`;
const USER_CART = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id cart { id } } } }`;

/** A new customer whose cart holds one line of 2 units per product id returned, in that order. */
async function shopperWithLines(count: number) {
  const viewer = customer();
  const cartId = (await cart.call(`{ cart { id } }`, {}, viewer)).data!.cart.id as string;
  const start = Date.now();
  const lines = await putLines(
    cart.subgraph,
    cartId,
    Array.from({ length: count }, (_, i) => ({ quantity: 2, addedAt: new Date(start + i) })),
  );
  return { viewer, cartId, productIds: lines.map((line) => line.productId) };
}

describe("Query.cart", () => {
  it("creates one empty cart on first use and returns the same one afterwards", async () => {
    const viewer = customer();
    const first = await cart.call(CART, {}, viewer);
    expect(first.data!.cart).toMatchObject({ itemCount: 0, items: [] });
    const again = await cart.call(CART, {}, viewer);
    expect(again.data!.cart.id).toBe(first.data!.cart.id);
    expect(await cartRowOf(cart.subgraph, viewer.userId)).toHaveLength(1);
  });

  it("creates exactly one cart when a new user's first requests race", async () => {
    const viewer = customer();
    const responses = await Promise.all(Array.from({ length: 5 }, () => cart.call(`{ cart { id } }`, {}, viewer)));
    expect(new Set(responses.map((response) => response.data?.cart.id)).size).toBe(1);
    expect(await cartRowOf(cart.subgraph, viewer.userId)).toHaveLength(1);
  });

  it("lists lines by (added_at, id) and counts units", async () => {
    const viewer = customer();
    const cartId = (await cart.call(`{ cart { id } }`, {}, viewer)).data!.cart.id as string;
    const at = new Date();
    const [late] = await putLines(cart.subgraph, cartId, [{ quantity: 1, addedAt: new Date(at.getTime() + 1000) }]);
    const tied = await putLines(cart.subgraph, cartId, [
      { quantity: 2, addedAt: at },
      { quantity: 3, addedAt: at },
    ]);
    const response = await cart.call(CART, {}, viewer);
    const expected = [...tied.sort((a, b) => a.id.localeCompare(b.id)), late!].map((line) => line.id);
    expect(response.data!.cart.items.map((item: { id: string }) => item.id)).toEqual(expected);
    expect(response.data!.cart.itemCount).toBe(6);
  });

  it("needs a signed-in viewer (or a guest cart, test/guest-carts.test.ts) to read a cart", async () => {
    const p = randomUUID();
    for (const [query, variables] of [
      [CART, {}],
      [USER_CART, { r: [{ __typename: "User", id: p }] }],
    ] as const) {
      const response = await cart.call(query, variables);
      expect(response.errors?.[0]?.extensions?.code, query).toBe("UNAUTHENTICATED");
    }
  });
});

describe("editing lines", () => {
  it("sets a quantity, removes a line with 0, and reflects each edit in the returned cart", async () => {
    const { viewer, productIds } = await shopperWithLines(2);
    const [a, b] = productIds as [string, string];
    const set = await cart.call(UPDATE, { p: a, q: 7 }, viewer);
    expect(set.data!.updateCartItem).toEqual({
      itemCount: 9,
      items: [
        { quantity: 7, product: { id: a } },
        { quantity: 2, product: { id: b } },
      ],
    });
    // Two edits in one operation: the second must not see the first one's cached lines.
    const both = await cart.call(
      `mutation($a: ID!) { x: updateCartItem(productId: $a, quantity: 1) { itemCount } y: updateCartItem(productId: $a, quantity: 0) { itemCount } }`,
      { a },
      viewer,
    );
    expect(both.data).toEqual({ x: { itemCount: 3 }, y: { itemCount: 2 } });
  });

  it.each([
    ["a malformed product id", { p: "nope", q: 1 }, "BAD_USER_INPUT", "productId"],
    ["a negative quantity", { q: -1 }, "BAD_USER_INPUT", "quantity"],
    ["a quantity over 99", { q: 100 }, "BAD_USER_INPUT", "quantity"],
    ["a product that is not in the cart", { p: randomUUID(), q: 3 }, "NOT_FOUND", undefined],
    ["removing a product that is not in the cart", { p: randomUUID(), q: 0 }, "NOT_FOUND", undefined],
  ])("refuses %s and leaves the cart unchanged", async (_, variables, code, field) => {
    const { viewer, cartId, productIds } = await shopperWithLines(2);
    const before = await storedLines(cart.subgraph, cartId);
    const response = await cart.call(UPDATE, { p: productIds[0], ...variables }, viewer);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await storedLines(cart.subgraph, cartId)).toEqual(before);
  });

  it("does not create a cart for a refused edit", async () => {
    const viewer = customer();
    const response = await cart.call(UPDATE, { p: randomUUID(), q: 1 }, viewer);
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await cartRowOf(cart.subgraph, viewer.userId)).toHaveLength(0);
  });

  it("removes a line, ignores an absent one, and clears the cart", async () => {
    const { viewer, cartId, productIds } = await shopperWithLines(3);
    expect((await cart.call(REMOVE, { p: productIds[1] }, viewer)).data!.removeFromCart.itemCount).toBe(4);
    const absent = await cart.call(REMOVE, { p: randomUUID() }, viewer);
    expect(absent.errors).toBeUndefined();
    expect(absent.data!.removeFromCart.itemCount).toBe(4);
    expect((await cart.call(REMOVE, { p: "x" }, viewer)).errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "productId",
    });
    const cleared = await cart.call(`mutation { clearCart { id itemCount items { id } } }`, {}, viewer);
    expect(cleared.data!.clearCart).toEqual({ id: cartId, itemCount: 0, items: [] });
    expect(await storedLines(cart.subgraph, cartId)).toEqual([]);
  });

  it("never touches another customer's lines", async () => {
    const owner = await shopperWithLines(1);
    const stranger = customer();
    const response = await cart.call(UPDATE, { p: owner.productIds[0], q: 0 }, stranger);
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await cart.call(`mutation { clearCart { id } }`, {}, stranger);
    expect(await storedLines(cart.subgraph, owner.cartId)).toHaveLength(1);
  });
});

describe("User.cart", () => {
  it("answers the user themselves and an ADMIN, and refuses another customer", async () => {
    const owner = customer();
    const cartId = (await cart.call(`{ cart { id } }`, {}, owner)).data!.cart.id;
    const r = [{ __typename: "User", id: owner.userId }];
    expect((await cart.call(USER_CART, { r }, owner)).data!._entities).toEqual([{ id: owner.userId, cart: { id: cartId } }]);
    expect((await cart.call(USER_CART, { r }, admin())).data!._entities).toEqual([{ id: owner.userId, cart: { id: cartId } }]);
    const stranger = await cart.call(USER_CART, { r }, customer());
    expect(stranger.errors?.[0]).toMatchObject({ path: ["_entities", 0, "cart"], extensions: { code: "FORBIDDEN" } });
  });

  it("batches many users' carts, creating the missing ones", async () => {
    const users = Array.from({ length: 8 }, () => customer().userId);
    const before = cart.subgraph.database.statements.count;
    const response = await cart.call(USER_CART, { r: users.map((id) => ({ __typename: "User", id })) }, admin());
    expect(cart.subgraph.database.statements.count - before).toBeLessThanOrEqual(2);
    const ids = response.data!._entities.map((user: { cart: { id: string } }) => user.cart.id);
    expect(new Set(ids).size).toBe(8);
    expect((await cartRowOf(cart.subgraph, users[3]!))[0]!.id).toBe(ids[3]);
  });
});

describe("cartLines (internal)", () => {
  const LINES_QUERY = `query($u: ID!) { cartLines(userId: $u) { productId quantity } }`;
  const LINES: TypedDocumentNode<{ cartLines: CartLine[] }, { u: string }> = parse(LINES_QUERY);

  it("answers a sibling service and refuses the gateway, even for an ADMIN", async () => {
    const { viewer, productIds } = await shopperWithLines(2);
    const order = cart.as("order");
    const answer = await order(LINES, { u: viewer.userId });
    expect(answer.cartLines).toEqual(productIds.map((productId) => ({ productId, quantity: 2 })));
    const viaGateway = await cart.call(LINES_QUERY, { u: viewer.userId }, admin());
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(viaGateway.data).toBeNull();
    expect((await order(LINES, { u: randomUUID() })).cartLines).toEqual([]);
  });
});

describe("seedCarts", () => {
  it("fills an empty cart once and leaves a non-empty one alone", async () => {
    const customerId = randomUUID();
    const items = [
      { productId: randomUUID(), quantity: 1 },
      { productId: randomUUID(), quantity: 2 },
    ];
    const first = await seedCarts(cart.config, { customerId, items });
    expect(first.added).toBe(2);
    const second = await seedCarts(cart.config, { customerId, items: [{ productId: randomUUID(), quantity: 5 }] });
    expect(second).toEqual({ cartId: first.cartId, added: 0 });
    const lines = await storedLines(cart.subgraph, first.cartId);
    expect(lines.map(({ productId, quantity }) => ({ productId, quantity })).sort((a, b) => a.quantity - b.quantity)).toEqual(items);
  });
});
