import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { CLIENT_IP_HEADER, INTERNAL_TOKEN_HEADER, signInternalToken, type ShopConfig } from "@shop/runtime";
import type { GraphQLResponse, Started } from "@shop/runtime/testing";
import type { startCartSubgraph } from "../src/app";
import { cartItems, carts } from "../src/db/schema";

// Data the cart tests write and read straight in the cart database, past GraphQL. Each helper takes the running
// subgraph (a harness's `.subgraph`); starting it, calling it and viewers are the shared harness's
// (@shop/runtime/testing).

export type CartSubgraph = Started<typeof startCartSubgraph>;

/** The user's cart row (creating it the way the subgraph does is the tests' job, not this helper's). */
export async function cartRowOf(subgraph: CartSubgraph, userId: string) {
  return subgraph.database.db.select().from(carts).where(eq(carts.userId, userId));
}

/** Puts lines straight into the database, for tests that must not depend on the product subgraph. */
export async function putLines(subgraph: CartSubgraph, cartId: string, lines: { productId?: string; quantity: number; addedAt?: Date }[]) {
  if (lines.length === 0) return [];
  const rows = await subgraph.database.db
    .insert(cartItems)
    .values(lines.map((line) => ({ cartId, productId: line.productId ?? randomUUID(), quantity: line.quantity, addedAt: line.addedAt })))
    .returning();
  return rows;
}

/** The cart's lines as stored, in `items` order: compared before and after a rejected request. */
export async function storedLines(subgraph: CartSubgraph, cartId: string) {
  return subgraph.database.db
    .select({ id: cartItems.id, productId: cartItems.productId, quantity: cartItems.quantity, updatedAt: cartItems.updatedAt })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.id));
}

/**
 * Calls the cart subgraph the way the gateway does for an anonymous visitor: the internal token names the guest cart
 * the gateway verified (none for a visitor without a cart token), and `x-shop-client-ip` the visitor's address.
 */
export async function callAsGuest<T = Record<string, any>>(
  harness: { config: ShopConfig; subgraph: CartSubgraph },
  query: string,
  variables: Record<string, unknown> = {},
  guest: { guestCartId?: string; clientIp?: string } = {},
): Promise<GraphQLResponse<T>> {
  const token = await signInternalToken(harness.config.internalKeys, {
    service: "gateway",
    audience: "cart",
    viewer: null,
    guestCartId: guest.guestCartId,
  });
  const response = await fetch(harness.subgraph.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [INTERNAL_TOKEN_HEADER]: token,
      ...(guest.clientIp ? { [CLIENT_IP_HEADER]: guest.clientIp } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
