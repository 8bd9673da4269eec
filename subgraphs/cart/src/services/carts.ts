import { asc, eq } from "drizzle-orm";
import { isUuid, parseId } from "@shop/runtime";
import type { Context } from "../context";
import { cartItems, carts } from "../db/schema";
import type { CartItemModel, CartModel, Money, RequiredLine } from "../models";
import { assertCanReadCart, assertCanReadCartOf } from "./access";
import { cartOfOwner, noCartYet, ownerOf } from "./cart-owner";

type ReadContext = Pick<Context, "caller" | "viewer" | "guestCartId" | "loaders">;

/** The viewer's cart: a signed-in user's (created on first use) or the guest cart of their cart token. */
export function viewerCart(ctx: ReadContext): Promise<CartModel> {
  const owner = ownerOf(ctx);
  // A query never starts a guest cart: the gateway may share one anonymous query's answer between clients.
  if (!owner) throw noCartYet();
  return cartOfOwner(ctx, owner);
}

/** A user's cart for User.cart: the user themselves or an ADMIN only. */
export function userCart(ctx: ReadContext, userId: string): Promise<CartModel> {
  assertCanReadCartOf(ctx, userId);
  return ctx.loaders.cartByUserId.load(userId);
}

/** Cart entity: the row plus the prices the gateway fetched for `subtotal` (@requires), kept in the gateway's order. */
export async function resolveCartReference(
  ctx: ReadContext,
  ref: { id: string; items?: readonly RequiredLine[] },
): Promise<CartModel | null> {
  const cart = isUuid(ref.id) ? await ctx.loaders.cartById.load(ref.id.toLowerCase()) : null;
  if (!cart) return null;
  assertCanReadCart(ctx, cart);
  return ref.items ? { ...cart, requiredItems: ref.items } : cart;
}

/** CartItem entity: the row plus the product price the gateway fetched for `unitPrice` / `lineTotal` (@requires). */
export async function resolveCartItemReference(
  ctx: ReadContext,
  ref: { id: string; product?: { price?: Money | null } | null },
): Promise<CartItemModel | null> {
  const item = isUuid(ref.id) ? await ctx.loaders.itemById.load(ref.id.toLowerCase()) : null;
  if (!item) return null;
  const cart = await ctx.loaders.cartById.load(item.cartId);
  assertCanReadCart(ctx, cart!);
  return { ...item, requiredPrice: ref.product?.price ?? null };
}

/** Internal, for checkout (INTERNAL_FIELDS says who may call it): a user's lines in cart order, without creating a cart. */
export async function cartLines(ctx: Pick<Context, "db">, userIdArg: string) {
  const userId = parseId(userIdArg, "userId");
  return ctx.db
    .select({ productId: cartItems.productId, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(eq(carts.userId, userId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.id));
}
