import { isUuid } from "@shop/runtime";
import type { Context } from "../context";
import type { Resolvers } from "../generated/resolvers";
import { findProduct, listCategories, listCategoryProducts, listProducts } from "../services/catalog";
import { invalidateProduct, tagListing, tagRead } from "../services/catalogue-cache";
import { archiveProduct, createProduct, updateProduct } from "../services/product-admin";

/** References and snapshots may carry anything: malformed ids resolve to null without reaching SQL. */
const productOrNull = (ctx: Context, id: string) => (isUuid(id) ? ctx.loaders.productById.load(id.toLowerCase()) : Promise.resolve(null));

export const resolvers: Resolvers = {
  Query: {
    product: async (_, { id, slug }, ctx) => tagRead(ctx.cacheTags, await findProduct(ctx, id, slug)),
    products: async (_, { filter, first, after }, ctx) => tagListing(ctx.cacheTags, await listProducts(ctx.db, filter, first, after)),
    categories: async (_, __, ctx) => tagListing(ctx.cacheTags, await listCategories(ctx.db)),
    // Internal: INTERNAL_FIELDS says which services may call it (guarded by the runtime).
    productSnapshots: (_, { ids }, ctx) => Promise.all(ids.map((id) => productOrNull(ctx, id))),
  },
  Mutation: {
    // Each write invalidates the shop's response cache before it answers.
    createProduct: async (_, { input }, ctx) =>
      invalidateProduct(ctx.catalogueCache, ctx.log, await createProduct(ctx.db, ctx.viewer, input)),
    updateProduct: async (_, { id, input }, ctx) =>
      invalidateProduct(ctx.catalogueCache, ctx.log, await updateProduct(ctx.db, ctx.viewer, id, input)),
    archiveProduct: async (_, { id }, ctx) => invalidateProduct(ctx.catalogueCache, ctx.log, await archiveProduct(ctx.db, ctx.viewer, id)),
  },
  Product: {
    __resolveReference: async (ref, ctx) => tagRead(ctx.cacheTags, await productOrNull(ctx, ref.id)),
    price: (product) => ({ amount: product.priceAmount, currency: product.currency }),
    category: async (product, _, ctx) => (await ctx.loaders.categoryById.load(product.categoryId))!,
  },
  Category: {
    products: async (category, { first, after }, ctx) =>
      tagListing(ctx.cacheTags, await listCategoryProducts(ctx, category.id, first, after)),
  },
  ProductConnection: {
    totalCount: (connection) => connection.count(),
  },
};
