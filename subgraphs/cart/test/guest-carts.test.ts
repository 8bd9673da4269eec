import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { GraphQLError, parse } from "graphql";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { TypedDocumentNode } from "@shop/runtime";
import { customer, testConfig, useSubgraph } from "@shop/runtime/testing";
import { startCartSubgraph } from "../src/app";
import { carts, guestCartMerges } from "../src/db/schema";
import type { CartSettings } from "../src/settings";
import { callAsGuest, putLines } from "./fixtures";

// Guest carts without the product subgraph (unreachable here): started by clearCart / removeFromCart, filled straight in
// the database. Through the gateway, with addToCart and the merge at sign-in: tests/guest-carts.test.ts.

const config = testConfig();
/** Low enough to be reached in a test; each test counts from an address of its own. */
const GUEST_CARTS_PER_IP = 3;
config.rateLimits.guestCartsPerIp = GUEST_CARTS_PER_IP;
/** Short enough for the sweeper test to wait out; the sweeper's own timer never fires during the file. */
const settings: CartSettings = { guestCartIdleMs: 1500, guestCartSweepIntervalMs: 3_600_000 };
const cart = useSubgraph(startCartSubgraph, { config, settings });

const CLEAR = `mutation { clearCart { id guestToken itemCount } }`;
const CART = `{ cart { id guestToken itemCount items { quantity product { id } } } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartItem(productId: $p, quantity: $q) { id } }`;
const REMOVE = `mutation($p: ID!) { removeFromCart(productId: $p) { id guestToken } }`;
const MERGE_DOCUMENT: TypedDocumentNode<
  { mergeGuestCart: { merged: boolean; droppedLines: { productId: string }[]; cappedLines: { productId: string }[] } },
  { userId: string; token: string }
> = parse(
  `mutation($userId: ID!, $token: String!) { mergeGuestCart(userId: $userId, guestCartToken: $token) { merged droppedLines { productId } cappedLines { productId } } }`,
);

let addresses = 0;
/** A client address no other test uses, so each test has the whole per-IP allowance. */
const newAddress = () => `203.0.113.${++addresses}`;

interface GuestCart {
  id: string;
  guestToken: string;
  itemCount: number;
}

async function startGuestCart(clientIp = newAddress()): Promise<GuestCart> {
  const answer = await callAsGuest<{ clearCart: GuestCart }>(cart, CLEAR, {}, { clientIp });
  expect(answer.errors).toBeUndefined();
  return answer.data!.clearCart;
}

const guestRow = async (id: string) => (await cart.subgraph.database.db.select().from(carts).where(eq(carts.id, id)))[0];

describe("a visitor without a sign-in or a cart token", () => {
  it("gets a new, empty guest cart with a token from clearCart and removeFromCart", async () => {
    const cleared = await startGuestCart();
    expect(cleared.itemCount).toBe(0);
    expect(decodeJwt(cleared.guestToken)).toMatchObject({ iss: "cart", aud: "guest-cart", sub: cleared.id });
    expect(await guestRow(cleared.id)).toMatchObject({ userId: null });

    const removed = await callAsGuest(cart, REMOVE, { p: randomUUID() }, { clientIp: newAddress() });
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeFromCart.id).not.toBe(cleared.id);
    expect(decodeJwt(removed.data!.removeFromCart.guestToken as string).sub).toBe(removed.data!.removeFromCart.id);
  });

  it("has no cart to read, and nothing to update: those start no cart", async () => {
    const before = await cart.subgraph.database.sql<{ count: string }[]>`select count(*) from carts where user_id is null`;
    const read = await callAsGuest(cart, CART);
    expect(read.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^No cart yet/), extensions: { code: "UNAUTHENTICATED" } });
    const update = await callAsGuest(cart, UPDATE, { p: randomUUID(), q: 1 });
    expect(update.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const after = await cart.subgraph.database.sql<{ count: string }[]>`select count(*) from carts where user_id is null`;
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it("is limited in how many guest carts one address starts", async () => {
    const address = newAddress();
    for (let i = 0; i < GUEST_CARTS_PER_IP; i++) await startGuestCart(address);
    const refused = await callAsGuest(cart, CLEAR, {}, { clientIp: address });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Too many new carts from this address/),
      extensions: { code: "RATE_LIMITED", retryAfter: expect.any(Number) },
    });
    // Another address is not held to it.
    await startGuestCart(newAddress());
  });
});

describe("a guest with a cart", () => {
  it("reads and edits the cart its verified cart token names, and gets a token that lives the idle time from its last change", async () => {
    const guest = await startGuestCart();
    const [line] = await putLines(cart.subgraph, guest.id, [{ quantity: 2 }]);
    const read = await callAsGuest(cart, CART, {}, { guestCartId: guest.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.cart).toMatchObject({ id: guest.id, itemCount: 2, items: [{ quantity: 2, product: { id: line!.productId } }] });

    const updated = await callAsGuest(cart, UPDATE, { p: line!.productId, q: 5 }, { guestCartId: guest.id });
    expect(updated.errors).toBeUndefined();
    const row = (await guestRow(guest.id))!;
    const { exp } = decodeJwt((await callAsGuest(cart, CART, {}, { guestCartId: guest.id })).data!.cart.guestToken as string);
    expect(exp).toBe(Math.floor((row.updatedAt.getTime() + settings.guestCartIdleMs) / 1000));
  });

  it("never sees a token for a signed-in user's cart, and a signed-in customer cannot reference a guest cart", async () => {
    const viewer = customer();
    const own = await cart.call(CART, {}, viewer);
    expect(own.data!.cart.guestToken).toBeNull();
    const guest = await startGuestCart();
    const reference = await cart.call(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id } } }`,
      {
        r: [{ __typename: "Cart", id: guest.id }],
      },
      viewer,
    );
    expect(reference.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("is told the cart is gone once it was merged into an account", async () => {
    const guest = await startGuestCart();
    const merge = await cart.as("user")(MERGE_DOCUMENT, { userId: customer().userId, token: guest.guestToken });
    expect(merge.mergeGuestCart).toEqual({ merged: true, droppedLines: [], cappedLines: [] });
    const read = await callAsGuest(cart, CART, {}, { guestCartId: guest.id });
    expect(read.errors?.[0]).toMatchObject({ message: expect.stringMatching(/no longer exists/), extensions: { code: "UNAUTHENTICATED" } });
  });
});

describe("mergeGuestCart (internal, for the user subgraph)", () => {
  it("merges one guest cart once, even when two sign-ins ask at the same moment", async () => {
    const guest = await startGuestCart();
    const userId = customer().userId;
    const merges = await Promise.all([1, 2, 3].map(() => cart.as("user")(MERGE_DOCUMENT, { userId, token: guest.guestToken })));
    expect(merges.map((answer) => answer.mergeGuestCart.merged).sort()).toEqual([false, false, true]);
    expect(await guestRow(guest.id)).toBeUndefined();
    const records = await cart.subgraph.database.db.select().from(guestCartMerges).where(eq(guestCartMerges.guestCartId, guest.id));
    expect(records).toEqual([expect.objectContaining({ userId })]);
  });

  it("answers only the user subgraph, and refuses a forged token", async () => {
    const guest = await startGuestCart();
    const userId = customer().userId;
    const asOrder = await cart
      .as("order")(MERGE_DOCUMENT, { userId, token: guest.guestToken })
      .catch((error: unknown) => error);
    expect(asOrder).toBeInstanceOf(GraphQLError);
    expect((asOrder as GraphQLError).extensions.code).toBe("FORBIDDEN");

    const [header, , signature] = guest.guestToken.split(".");
    const otherCart = Buffer.from(JSON.stringify({ ...decodeJwt(guest.guestToken), sub: randomUUID() })).toString("base64url");
    const forged = await cart
      .as("user")(MERGE_DOCUMENT, { userId, token: `${header}.${otherCart}.${signature}` })
      .catch((error: unknown) => error);
    expect(forged).toBeInstanceOf(GraphQLError);
    expect((forged as GraphQLError).extensions.code).toBe("UNAUTHENTICATED");
    expect(await guestRow(guest.id)).toBeDefined();
  });
});

describe("the guest cart sweeper", () => {
  it("deletes guest carts idle past GUEST_CART_IDLE_HOURS, with their lines, and keeps newer ones and users' carts", async () => {
    const idle = await startGuestCart();
    await putLines(cart.subgraph, idle.id, [{ quantity: 1 }]);
    const userCart = (await cart.call<{ cart: { id: string } }>(`{ cart { id } }`, {}, customer())).data!.cart.id;
    await cart.subgraph.database.sql`update carts set updated_at = now() - interval '1 hour' where id = ${userCart}`;
    await new Promise((resolve) => setTimeout(resolve, settings.guestCartIdleMs + 100));
    const fresh = await startGuestCart();

    expect(await cart.subgraph.sweepGuestCarts()).toBeGreaterThanOrEqual(1);
    expect(await guestRow(idle.id)).toBeUndefined();
    expect(await cart.subgraph.database.sql`select 1 from cart_items where cart_id = ${idle.id}`).toHaveLength(0);
    expect(await guestRow(fresh.id)).toBeDefined();
    expect(await guestRow(userCart)).toBeDefined();
  });
});
