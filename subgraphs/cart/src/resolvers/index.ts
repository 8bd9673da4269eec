import type { Resolvers } from "../generated/resolvers";
import { addToCart, clearCart, removeFromCart, updateCartItem } from "../services/cart-items";
import { consumeCartLines } from "../services/consume";
import { guestTokenOf } from "../services/guest-carts";
import { mergeGuestCart } from "../services/merge";
import { cartLines, resolveCartItemReference, resolveCartReference, userCart, viewerCart } from "../services/carts";
import { lineTotal, requiredPrice, subtotal, unitCount } from "../services/pricing";

export const resolvers: Resolvers = {
  Query: {
    cart: (_, __, ctx) => viewerCart(ctx),
    // Internal, like consumeCartLines: INTERNAL_FIELDS says which services may call them (guarded by the runtime).
    cartLines: (_, { userId }, ctx) => cartLines(ctx, userId),
  },
  Mutation: {
    addToCart: (_, { productId, quantity }, ctx) => addToCart(ctx, productId, quantity),
    updateCartItem: (_, { productId, quantity }, ctx) => updateCartItem(ctx, productId, quantity),
    removeFromCart: (_, { productId }, ctx) => removeFromCart(ctx, productId),
    clearCart: (_, __, ctx) => clearCart(ctx),
    consumeCartLines: (_, { userId, orderId, lines }, ctx) => consumeCartLines(ctx, userId, orderId, lines),
    mergeGuestCart: (_, { userId, guestCartToken }, ctx) => mergeGuestCart(ctx, userId, guestCartToken),
  },
  Cart: {
    __resolveReference: (ref, ctx) => resolveCartReference(ctx, ref),
    guestToken: (cart, _, ctx) => guestTokenOf(ctx, cart),
    items: (cart, _, ctx) => ctx.loaders.itemsByCartId.load(cart.id),
    itemCount: async (cart, _, ctx) => unitCount(await ctx.loaders.itemsByCartId.load(cart.id)),
    subtotal: async (cart, _, ctx) => subtotal(cart.requiredItems, await ctx.loaders.itemsByCartId.load(cart.id)),
  },
  CartItem: {
    __resolveReference: (ref, ctx) => resolveCartItemReference(ctx, ref),
    product: (item) => ({ id: item.productId }),
    unitPrice: (item) => requiredPrice(item.requiredPrice, "unitPrice"),
    lineTotal: (item) => lineTotal(requiredPrice(item.requiredPrice, "lineTotal"), item.quantity),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    cart: (user, _, ctx) => userCart(ctx, user.id),
  },
};
