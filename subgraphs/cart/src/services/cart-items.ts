import { and, eq, inArray, sql } from "drizzle-orm";
import { badUserInput, ErrorCode, MAX_ORDER_LINES, parseId, requireViewer, type Viewer } from "@shop/runtime";
import { GraphQLError } from "graphql";
import type { Context } from "../context";
import { cartItems, carts } from "../db/schema";
import type { CartModel } from "../models";
import { assertSellable } from "./catalog";
import { MAX_LINE_QUANTITY, parseQuantity } from "./quantity";

type EditContext = Pick<Context, "viewer" | "db" | "loaders" | "siblings">;

/**
 * Adds `quantity` of an ACTIVE product to the viewer's cart. The merge with an existing line is one SQL statement,
 * so concurrent adds never lose units; a merge past 99 updates nothing and is BAD_USER_INPUT on `quantity`. A new
 * line past MAX_ORDER_LINES (what one stock reservation accepts) is BAD_USER_INPUT on `productId`.
 */
export async function addToCart(ctx: EditContext, productIdArg: string, quantityArg: number): Promise<CartModel> {
  const viewer = requireViewer(ctx.viewer);
  const productId = parseId(productIdArg, "productId");
  const quantity = parseQuantity(quantityArg, 1);
  assertSellable(await ctx.siblings.productStatus(productId), productId);
  // Created only now, after every check, so a rejected request writes nothing.
  const { id: cartId } = await ctx.loaders.cartByUserId.load(viewer.userId);
  await ctx.db.transaction(async (tx) => {
    // Adds to one cart take turns from here to the commit, so each counts the lines the ones before it added (its next
    // statement reads after the lock was granted): no isolation level above READ COMMITTED, nothing to retry. The lock
    // is an advisory one per cart, which only addToCart takes: adds to other carts never wait, and a checkout
    // consuming this cart's lines (which locks lines, then the cart row) can never deadlock with it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cartId}::text, 0))`);
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
  return changed(ctx, viewer);
}

/** Sets a line's quantity (0 removes it); a product that is not in the cart is NOT_FOUND. */
export async function updateCartItem(ctx: EditContext, productIdArg: string, quantityArg: number): Promise<CartModel> {
  const viewer = requireViewer(ctx.viewer);
  const productId = parseId(productIdArg, "productId");
  const quantity = parseQuantity(quantityArg, 0);
  const where = lineOf(ctx, viewer, productId);
  const touched =
    quantity === 0
      ? await ctx.db.delete(cartItems).where(where).returning({ id: cartItems.id })
      : await ctx.db
          .update(cartItems)
          .set({ quantity, updatedAt: sql`now()` })
          .where(where)
          .returning({ id: cartItems.id });
  if (touched.length === 0) {
    throw new GraphQLError(`Product ${productId} is not in the cart: add it with addToCart`, {
      extensions: { code: ErrorCode.NotFound, entity: "CartItem", id: productId },
    });
  }
  return changed(ctx, viewer);
}

/** Removes the product's line; nothing to remove is not an error. */
export async function removeFromCart(ctx: EditContext, productIdArg: string): Promise<CartModel> {
  const viewer = requireViewer(ctx.viewer);
  const productId = parseId(productIdArg, "productId");
  const removed = await ctx.db
    .delete(cartItems)
    .where(lineOf(ctx, viewer, productId))
    .returning({ id: cartItems.id });
  return removed.length > 0 ? changed(ctx, viewer) : ctx.loaders.cartByUserId.load(viewer.userId);
}

/** Removes every line of the viewer's cart. */
export async function clearCart(ctx: EditContext): Promise<CartModel> {
  const viewer = requireViewer(ctx.viewer);
  const removed = await ctx.db
    .delete(cartItems)
    .where(inArray(cartItems.cartId, cartIdOf(ctx, viewer)))
    .returning({ id: cartItems.id });
  return removed.length > 0 ? changed(ctx, viewer) : ctx.loaders.cartByUserId.load(viewer.userId);
}

/** The viewer's line of a product, addressed through the user id so edits need no prior read of the cart. */
function lineOf(ctx: EditContext, viewer: Viewer, productId: string) {
  return and(inArray(cartItems.cartId, cartIdOf(ctx, viewer)), eq(cartItems.productId, productId));
}

function cartIdOf(ctx: EditContext, viewer: Viewer) {
  return ctx.db.select({ id: carts.id }).from(carts).where(eq(carts.userId, viewer.userId));
}

/** Stamps the cart as changed and forgets this request's cached lines, so the returned Cart shows the edit. */
async function changed(ctx: EditContext, viewer: Viewer): Promise<CartModel> {
  ctx.loaders.itemsByCartId.clearAll();
  ctx.loaders.itemById.clearAll();
  const [cart] = await ctx.db
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(eq(carts.userId, viewer.userId))
    .returning();
  return cart!;
}
