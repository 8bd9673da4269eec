import { and, eq, inArray, sql } from "drizzle-orm";
import { badUserInput, ErrorCode, MAX_ORDER_LINES, parseId } from "@shop/runtime";
import { GraphQLError } from "graphql";
import type { Context } from "../context";
import { cartItems, carts } from "../db/schema";
import type { CartModel } from "../models";
import { lockCartLines } from "./cart-lock";
import { cartIdOf, cartOfOwner, guestCartGone, ownerOf, type CartOwner } from "./cart-owner";
import { assertSellable } from "./catalog";
import { startGuestCart } from "./guest-carts";
import { MAX_LINE_QUANTITY, parseQuantity } from "./quantity";

type EditContext = Pick<Context, "viewer" | "guestCartId" | "clientIp" | "db" | "loaders" | "siblings" | "limits">;

/**
 * Adds `quantity` of an ACTIVE product to the viewer's cart, or to a new guest cart for a visitor without one. The
 * merge with an existing line is one SQL statement, so concurrent adds never lose units; a merge past 99 updates
 * nothing and is BAD_USER_INPUT on `quantity`. A new line past MAX_ORDER_LINES (what one stock reservation accepts) is
 * BAD_USER_INPUT on `productId`.
 */
export async function addToCart(ctx: EditContext, productIdArg: string, quantityArg: number): Promise<CartModel> {
  const productId = parseId(productIdArg, "productId");
  const quantity = parseQuantity(quantityArg, 1);
  assertSellable(await ctx.siblings.productStatus(productId), productId);
  // Created only now, after every check, so a rejected request writes nothing.
  const owner = ownerOf(ctx) ?? { guestCartId: (await startGuestCart(ctx)).id };
  const { id: cartId } = await cartOfOwner(ctx, owner);
  await ctx.db.transaction(async (tx) => {
    await lockCartLines(tx, cartId);
    // A new line only while the cart holds fewer than MAX_ORDER_LINES; a product it holds merges as before.
    const merged = await tx.execute<{ id: string }>(sql`
      insert into ${cartItems} (cart_id, product_id, quantity)
      select ${cartId}, ${productId}, ${quantity}
      where exists (select 1 from ${cartItems} where cart_id = ${cartId} and product_id = ${productId})
         or (select count(*) from ${cartItems} where cart_id = ${cartId}) < ${MAX_ORDER_LINES}
      on conflict (cart_id, product_id) do update
        set quantity = cart_items.quantity + excluded.quantity, updated_at = now()
        where cart_items.quantity + excluded.quantity <= ${MAX_LINE_QUANTITY}
      returning id`);
    if (merged.length > 0) return;
    const [line] = await tx
      .select({ id: cartItems.id })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
    if (line) throw badUserInput("quantity", `would take this product's line above ${MAX_LINE_QUANTITY} units, the most a cart line holds`);
    throw badUserInput("productId", `the cart already holds ${MAX_ORDER_LINES} products, the most one order takes: remove one first`);
  });
  return changed(ctx, owner);
}

/** Sets a line's quantity (0 removes it); a product that is not in the cart (or no cart at all) is NOT_FOUND. */
export async function updateCartItem(ctx: EditContext, productIdArg: string, quantityArg: number): Promise<CartModel> {
  const productId = parseId(productIdArg, "productId");
  const quantity = parseQuantity(quantityArg, 0);
  const owner = ownerOf(ctx);
  const where = owner && lineOf(ctx, owner, productId);
  const touched = !where
    ? []
    : quantity === 0
      ? await ctx.db.delete(cartItems).where(where).returning({ id: cartItems.id })
      : await ctx.db
          .update(cartItems)
          .set({ quantity, updatedAt: sql`now()` })
          .where(where)
          .returning({ id: cartItems.id });
  if (!owner || touched.length === 0) {
    throw new GraphQLError(`Product ${productId} is not in the cart: add it with addToCart`, {
      extensions: { code: ErrorCode.NotFound, entity: "CartItem", id: productId },
    });
  }
  return changed(ctx, owner);
}

/** Removes the product's line; nothing to remove is not an error (a visitor without a cart gets an empty guest cart). */
export async function removeFromCart(ctx: EditContext, productIdArg: string): Promise<CartModel> {
  const productId = parseId(productIdArg, "productId");
  const owner = ownerOf(ctx);
  if (!owner) return startGuestCart(ctx);
  const removed = await ctx.db
    .delete(cartItems)
    .where(lineOf(ctx, owner, productId))
    .returning({ id: cartItems.id });
  return removed.length > 0 ? changed(ctx, owner) : cartOfOwner(ctx, owner);
}

/** Removes every line of the viewer's cart (a visitor without a cart gets an empty guest cart). */
export async function clearCart(ctx: EditContext): Promise<CartModel> {
  const owner = ownerOf(ctx);
  if (!owner) return startGuestCart(ctx);
  const removed = await ctx.db
    .delete(cartItems)
    .where(inArray(cartItems.cartId, cartIdOf(ctx, owner)))
    .returning({ id: cartItems.id });
  return removed.length > 0 ? changed(ctx, owner) : cartOfOwner(ctx, owner);
}

/** The owner's line of a product, addressed through the owner so edits need no prior read of the cart. */
function lineOf(ctx: EditContext, owner: NonNullable<CartOwner>, productId: string) {
  return and(inArray(cartItems.cartId, cartIdOf(ctx, owner)), eq(cartItems.productId, productId));
}

/**
 * Stamps the cart as changed (a guest cart's idle time starts again) and forgets this request's cached lines, so the
 * returned Cart shows the edit.
 */
async function changed(ctx: EditContext, owner: NonNullable<CartOwner>): Promise<CartModel> {
  ctx.loaders.itemsByCartId.clearAll();
  ctx.loaders.itemById.clearAll();
  const [cart] = await ctx.db
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(inArray(carts.id, cartIdOf(ctx, owner)))
    .returning();
  if (!cart) throw guestCartGone();
  return cart;
}
