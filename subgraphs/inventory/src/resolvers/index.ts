import { isUuid, parseId } from "@shop/runtime";
import type { Context } from "../context";
import type { Resolvers } from "../generated/resolvers";
import { inventoryOf, NEVER_STOCKED, type Inventory } from "../services/stock/availability";
import { commit, release, reserve, returnStock, shortages } from "../services/reservations/reservations";
import { setStock } from "../services/stock/set-stock";
import { followStock } from "../subscriptions/follow-stock";

/** A product's stock through the request's loader; a product never stocked has zeros. */
async function stockOfProduct(ctx: Context, productId: string) {
  return inventoryOf(productId, (await ctx.loaders.stockByProductId.load(productId)) ?? NEVER_STOCKED);
}

export const resolvers: Resolvers = {
  Query: {
    inventory: (_, { productId }, ctx) => stockOfProduct(ctx, parseId(productId, "productId")),
    // Internal, like the reservation mutations below.
    stockShortages: (_, { lines }, ctx) => shortages(ctx.stock, lines),
  },
  Subscription: {
    // The stream yields each product's stock; the field resolves to it.
    stockChanged: {
      subscribe: (_, { productIds }, ctx) => followStock(ctx.live, productIds),
      resolve: (inventory: Inventory) => inventory,
    },
  },
  Mutation: {
    setStock: (_, { productId, onHand }, ctx) => setStock(ctx, ctx.viewer, productId, onHand),
    // Internal: INTERNAL_FIELDS says which services may call these (guarded by the runtime).
    reserveStock: (_, args, ctx) => reserve(ctx.stock, args),
    commitReservation: (_, { orderId }, ctx) => commit(ctx.stock, orderId),
    releaseReservation: (_, { orderId }, ctx) => release(ctx.stock, orderId),
    returnStock: (_, { orderId }, ctx) => returnStock(ctx.stock, orderId),
  },
  ReservationResult: {
    expiresAt: (result) => result.expiresAt?.toISOString() ?? null,
  },
  Product: {
    // Any well-formed id is a product here (never stocked means zeros); a malformed one never reaches SQL.
    __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
    inventory: (product, _, ctx) => stockOfProduct(ctx, product.id.toLowerCase()),
  },
  Inventory: {
    product: (inventory) => ({ id: inventory.productId }),
    asOf: (inventory) => inventory.asOf.toISOString(),
  },
};
