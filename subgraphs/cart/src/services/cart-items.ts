import { and, eq, inArray, sql } from "drizzle-orm";
import { badUserInput, ErrorCode, parseId, requireViewer, type Viewer } from "@shop/runtime";
import { GraphQLError } from "graphql";
import type { Context } from "../context";
import { cartItems, carts } from "../db/schema";
import type { CartModel } from "../models";
import { assertSellable } from "./catalog";
import { MAX_LINE_QUANTITY, parseQuantity } from "./quantity";

type EditContext = Pick<Context, "viewer" | "db" | "loaders" | "siblings">;

/**
 * Adds `quantity` of an ACTIVE product to the viewer's cart. The merge with an existing line is one SQL statement,
 * so concurrent adds never lose units; a merge past 99 updates nothing and is BAD_USER_INPUT on `quantity`.
 */
export async function addToCart(ctx: EditContext, productIdArg: string, quantityArg: number): Promise<CartModel> {
  const viewer = requireViewer(ctx.viewer);
  const productId = parseId(productIdArg, "productId");
  const quantity = parseQuantity(quantityArg, 1);
  assertSellable(await ctx.siblings.productStatus(productId), productId);
  // Created only now, after every check, so a rejected request writes nothing.
  const cart = await ctx.loaders.cartByUserId.load(viewer.userId);
  const merged = await ctx.db
    .insert(cartItems)
    .values({ cartId: cart.id, productId, quantity })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId],
      set: { quantity: sql`cart_items.quantity + excluded.quantity`, updatedAt: sql`now()` },
      setWhere: sql`cart_items.quantity + excluded.quantity <= ${MAX_LINE_QUANTITY}`,
    })
    .returning({ id: cartItems.id });
  if (merged.length === 0) {
    throw badUserInput("quantity", `would take this product's line above ${MAX_LINE_QUANTITY} units, the most a cart line holds`);
  }
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
