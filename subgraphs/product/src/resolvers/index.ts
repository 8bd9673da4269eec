import { isUuid } from "@shop/runtime";
import type { Context } from "../context";
import type { Resolvers } from "../generated/resolvers";
import { findProduct, listCategories, listCategoryProducts, listProducts } from "../services/catalog";
import { archiveProduct, createProduct, updateProduct } from "../services/product-admin";

/** References and snapshots may carry anything: malformed ids resolve to null without reaching SQL. */
const productOrNull = (ctx: Context, id: string) => (isUuid(id) ? ctx.loaders.productById.load(id.toLowerCase()) : Promise.resolve(null));

export const resolvers: Resolvers = {
  Query: {
    product: (_, { id, slug }, ctx) => findProduct(ctx, id, slug),
    products: (_, { filter, first, after }, ctx) => listProducts(ctx.db, filter, first, after),
    categories: (_, __, ctx) => listCategories(ctx.db),
    // Internal: INTERNAL_FIELDS says which services may call it (guarded by the runtime).
    productSnapshots: (_, { ids }, ctx) => Promise.all(ids.map((id) => productOrNull(ctx, id))),
  },
  Mutation: {
    createProduct: (_, { input }, ctx) => createProduct(ctx.db, ctx.viewer, input),
    updateProduct: (_, { id, input }, ctx) => updateProduct(ctx.db, ctx.viewer, id, input),
    archiveProduct: (_, { id }, ctx) => archiveProduct(ctx.db, ctx.viewer, id),
  },
  Product: {
    __resolveReference: (ref, ctx) => productOrNull(ctx, ref.id),
    price: (product) => ({ amount: product.priceAmount, currency: product.currency }),
    category: async (product, _, ctx) => (await ctx.loaders.categoryById.load(product.categoryId))!,
  },
  Category: {
    products: (category, { first, after }, ctx) => listCategoryProducts(ctx, category.id, first, after),
  },
  ProductConnection: {
    totalCount: (connection) => connection.count(),
  },
};
