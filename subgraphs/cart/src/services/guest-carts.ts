import { and, isNull, lt, sql } from "drizzle-orm";
import { ipRateLimitKey, signGuestCartToken } from "@shop/runtime";
import type { Context } from "../context";
import type { CartDatabase } from "../db/database";
import { carts, guestCartMerges } from "../db/schema";
import type { CartRow } from "../models";

/**
 * Starts an anonymous visitor's guest cart, counted against their address first (RATE_LIMIT_GUEST_CARTS_PER_IP), so
 * a bot cannot fill the database with carts; a call that names no address counts as "unknown".
 */
export async function startGuestCart(ctx: Pick<Context, "db" | "clientIp" | "limits">): Promise<CartRow> {
  const ip = ctx.clientIp ? ipRateLimitKey(ctx.clientIp) : "unknown";
  await ctx.limits.guestCartsPerIp.enforce(ip, "Too many new carts from this address: retry later, or sign in");
  const [cart] = await ctx.db.insert(carts).values({}).returning();
  return cart!;
}

/**
 * Cart.guestToken: a guest cart's token, for the anonymous visitor it belongs to (a signed-in viewer, an ADMIN
 * included, never gets one). It expires when the cart's idle time runs out, the moment the sweeper may delete it, so
 * each change, which moves `updatedAt`, answers a token that lives longer.
 */
export async function guestTokenOf(ctx: Pick<Context, "viewer" | "internalKeys" | "settings">, cart: CartRow): Promise<string | null> {
  if (cart.userId !== null || ctx.viewer) return null;
  return signGuestCartToken(ctx.internalKeys, cart.id, new Date(cart.updatedAt.getTime() + ctx.settings.guestCartIdleMs));
}

/**
 * Deletes the guest carts unchanged for `idleMs` (their lines cascade), and the merge records as old: a token of a
 * cart merged that long ago has expired, so the record can no longer be asked for. Answers how many carts went.
 */
export async function sweepGuestCarts(db: CartDatabase, idleMs: number): Promise<number> {
  const cutoff = sql`now() - ${idleMs} * interval '1 millisecond'`;
  const swept = await db
    .delete(carts)
    .where(and(isNull(carts.userId), lt(carts.updatedAt, cutoff)))
    .returning({ id: carts.id });
  await db.delete(guestCartMerges).where(lt(guestCartMerges.mergedAt, cutoff));
  return swept.length;
}
