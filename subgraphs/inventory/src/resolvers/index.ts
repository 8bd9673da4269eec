import { isUuid } from "@shop/runtime";
import type { Resolvers } from "../generated/resolvers";
import { inventoryOf, NEVER_STOCKED } from "../services/availability";
import { setStock } from "../services/set-stock";

export const resolvers: Resolvers = {
  Mutation: {
    setStock: (_, { productId, onHand }, ctx) => setStock(ctx, ctx.viewer, productId, onHand),
  },
  Product: {
    // Any well-formed id is a product here (never stocked means zeros); a malformed one never reaches SQL.
    __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
    inventory: async (product, _, ctx) =>
      inventoryOf((await ctx.loaders.stockByProductId.load(product.id.toLowerCase())) ?? NEVER_STOCKED),
  },
};
