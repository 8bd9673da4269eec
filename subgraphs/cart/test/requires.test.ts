import { describe, expect, it } from "vitest";
import type { Viewer } from "@shop/runtime";
import { admin, customer, useSubgraph } from "@shop/runtime/testing";
import { startCartSubgraph } from "../src/app";
import { putLines } from "./fixtures";

const cart = useSubgraph(startCartSubgraph);

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on CartItem { id quantity unitPrice { amount currency } lineTotal { amount currency } }
  ... on Cart { id itemCount subtotal { amount currency } }
} }`;
const price = (amount: number, currency = "USD") => ({ product: { price: { amount, currency } } });

/** A new customer's cart with lines of the given quantities, created through Query.cart. */
async function cartWith(viewer: Viewer, quantities: number[]) {
  const created = await cart.call(`{ cart { id } }`, {}, viewer);
  const cartId = created.data!.cart.id as string;
  const start = Date.now();
  // Explicit, increasing added_at: the order `items` and `subtotal` pair prices by.
  const lines = await putLines(
    cart.subgraph,
    cartId,
    quantities.map((quantity, i) => ({ quantity, addedAt: new Date(start + i) })),
  );
  return { cartId, lines };
}

describe("@requires prices from the gateway", () => {
  it("prices CartItem representations with the product price they carry", async () => {
    const viewer = customer();
    const { lines } = await cartWith(viewer, [3, 1]);
    const response = await cart.call(
      ENTITIES,
      {
        r: [
          { __typename: "CartItem", id: lines[0]!.id, ...price(1999) },
          { __typename: "CartItem", id: lines[1]!.id, ...price(500, "EUR") },
        ],
      },
      viewer,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { id: lines[0]!.id, quantity: 3, unitPrice: { amount: 1999, currency: "USD" }, lineTotal: { amount: 5997, currency: "USD" } },
      { id: lines[1]!.id, quantity: 1, unitPrice: { amount: 500, currency: "EUR" }, lineTotal: { amount: 500, currency: "EUR" } },
    ]);
  });

  it("sums a Cart representation's prices with the current lines by position", async () => {
    const viewer = customer();
    const { cartId } = await cartWith(viewer, [2, 5]);
    const response = await cart.call(ENTITIES, { r: [{ __typename: "Cart", id: cartId, items: [price(1000), price(30)] }] }, viewer);
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities[0]).toEqual({ id: cartId, itemCount: 7, subtotal: { amount: 2150, currency: "USD" } });

    const empty = await cartWith(customer(), []);
    const none = await cart.call(ENTITIES, { r: [{ __typename: "Cart", id: empty.cartId, items: [] }] }, null);
    expect(none.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers 0 USD for an empty cart", async () => {
    const viewer = customer();
    const { cartId } = await cartWith(viewer, []);
    const response = await cart.call(ENTITIES, { r: [{ __typename: "Cart", id: cartId, items: [] }] }, viewer);
    expect(response.data!._entities[0]).toEqual({ id: cartId, itemCount: 0, subtotal: { amount: 0, currency: "USD" } });
  });

  it("is a CONFLICT when the cart changed between the gateway's fetches, and when currencies differ", async () => {
    const viewer = customer();
    const { cartId } = await cartWith(viewer, [1, 1]);
    const stale = await cart.call(ENTITIES, { r: [{ __typename: "Cart", id: cartId, items: [price(100)] }] }, viewer);
    expect(stale.errors?.[0]).toMatchObject({ path: ["_entities", 0, "subtotal"], extensions: { code: "CONFLICT", field: "subtotal" } });
    expect(stale.errors?.[0]?.message).toMatch(/run the query again/);

    const mixed = await cart.call(ENTITIES, { r: [{ __typename: "Cart", id: cartId, items: [price(100), price(100, "EUR")] }] }, viewer);
    expect(mixed.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });
    expect(mixed.errors?.[0]?.message).toMatch(/different currencies \(USD, EUR\)/);
  });

  it("keeps carts private in _entities: another customer is FORBIDDEN, an ADMIN is not", async () => {
    const owner = customer();
    const { cartId, lines } = await cartWith(owner, [1]);
    const r = [
      { __typename: "Cart", id: cartId, items: [price(1)] },
      { __typename: "CartItem", id: lines[0]!.id, ...price(1) },
    ];
    const stranger = await cart.call(ENTITIES, { r }, customer());
    expect(stranger.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    const asAdmin = await cart.call(ENTITIES, { r }, admin());
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!._entities.map((e: { id: string }) => e.id)).toEqual([cartId, lines[0]!.id]);
  });

  it("resolves unknown and malformed ids to null", async () => {
    const r = [
      { __typename: "Cart", id: crypto.randomUUID(), items: [] },
      { __typename: "CartItem", id: "not-a-uuid", ...price(1) },
    ];
    const response = await cart.call(ENTITIES, { r }, customer());
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([null, null]);
  });
});

describe("batching", () => {
  it("resolves 20 Cart references with their items in two SQL statements", async () => {
    const carts = await Promise.all(Array.from({ length: 20 }, (_, i) => cartWith(customer(), [i + 1, 1])));
    const before = cart.subgraph.database.statements.count;
    const response = await cart.call(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id items { quantity } } } }`,
      { r: carts.map(({ cartId }) => ({ __typename: "Cart", id: cartId })) },
      admin(),
    );
    expect(cart.subgraph.database.statements.count - before).toBeLessThanOrEqual(2);
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual(carts.map(({ cartId }, i) => ({ id: cartId, items: [{ quantity: i + 1 }, { quantity: 1 }] })));
  });

  it("resolves 20 CartItem references in two SQL statements (items, then their carts for the ownership check)", async () => {
    const viewer = customer();
    const { lines } = await cartWith(
      viewer,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const before = cart.subgraph.database.statements.count;
    const response = await cart.call(ENTITIES, { r: lines.map((line) => ({ __typename: "CartItem", id: line.id, ...price(10) })) }, viewer);
    expect(cart.subgraph.database.statements.count - before).toBe(2);
    expect(response.data!._entities.map((item: { lineTotal: { amount: number } }) => item.lineTotal.amount)).toEqual(
      lines.map((_, i) => (i + 1) * 10),
    );
  });
});
