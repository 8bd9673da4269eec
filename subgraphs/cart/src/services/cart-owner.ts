import { and, eq, isNull } from "drizzle-orm";
import { unauthenticated } from "@shop/runtime";
import type { Context } from "../context";
import { carts } from "../db/schema";
import type { CartRow } from "../models";

/** Whose cart a request edits: a signed-in user's, a guest's (its verified cart token), or nobody's yet. */
export type CartOwner = { userId: string } | { guestCartId: string } | null;

type OwnerContext = Pick<Context, "viewer" | "guestCartId">;

/** A signed-in viewer uses their account's cart (the gateway forwards no guest cart for them). */
export function ownerOf(ctx: OwnerContext): CartOwner {
  if (ctx.viewer) return { userId: ctx.viewer.userId };
  return ctx.guestCartId ? { guestCartId: ctx.guestCartId } : null;
}

/** The owner's cart id as a subquery, so an edit needs no prior read of the cart. */
export function cartIdOf(ctx: Pick<Context, "db">, owner: NonNullable<CartOwner>) {
  const query = ctx.db.select({ id: carts.id }).from(carts);
  return "userId" in owner
    ? query.where(eq(carts.userId, owner.userId))
    : query.where(and(eq(carts.id, owner.guestCartId), isNull(carts.userId)));
}

/** A visitor without a cart: what they are told when an operation needs one and does not start one. */
export function noCartYet() {
  return unauthenticated(
    "No cart yet: sign in, or add a product (addToCart) to start a guest cart and send its guestToken in x-cart-token",
  );
}

/** A valid cart token whose cart is gone: merged into an account at sign-in, or deleted after its idle time. */
export function guestCartGone() {
  return unauthenticated("This guest cart no longer exists (merged at sign-in, or expired): drop the cart token");
}

/** The owner's cart: a user's is created on first use; a guest's must still exist. */
export async function cartOfOwner(ctx: Pick<Context, "loaders">, owner: NonNullable<CartOwner>): Promise<CartRow> {
  if ("userId" in owner) return ctx.loaders.cartByUserId.load(owner.userId);
  const cart = await ctx.loaders.cartById.load(owner.guestCartId);
  if (!cart || cart.userId !== null) throw guestCartGone();
  return cart;
}
