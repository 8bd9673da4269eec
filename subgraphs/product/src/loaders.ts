import { inArray } from "drizzle-orm";
import { rowLoader } from "@shop/runtime";
import type { ProductDatabase } from "./db/database";
import { categories, products } from "./db/schema";
import { productColumns } from "./models";
import { categoryCountLoader, categoryPageLoader } from "./services/category-pages";

/** Built per request: one SQL query per batch, results in key order. Keys are valid lowercase UUIDs or slugs. */
export function createLoaders(db: ProductDatabase) {
  return {
    productById: rowLoader(
      (ids: readonly string[]) =>
        db
          .select(productColumns)
          .from(products)
          .where(inArray(products.id, [...ids])),
      (product) => product.id,
    ),
    productBySlug: rowLoader(
      (slugs: readonly string[]) =>
        db
          .select(productColumns)
          .from(products)
          .where(inArray(products.slug, [...slugs])),
      (product) => product.slug,
    ),
    categoryById: rowLoader(
      (ids: readonly string[]) =>
        db
          .select()
          .from(categories)
          .where(inArray(categories.id, [...ids])),
      (category) => category.id,
    ),
    categoryPage: categoryPageLoader(db),
    activeCountByCategory: categoryCountLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
