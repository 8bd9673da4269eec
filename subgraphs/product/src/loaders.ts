import { anyOf, perDatabase, rowLoader } from "@shop/runtime";
import type { ProductDatabase } from "./db/database";
import { categories, products } from "./db/schema";
import { productColumns } from "./models";
import { categoryCountLoader, categoryPageLoader } from "./services/category-pages";

/** The loaders' statements, prepared once per database: a request only binds its keys. */
const statements = perDatabase((db: ProductDatabase) => ({
  productsByIds: db.select(productColumns).from(products).where(anyOf(products.id, "ids")).prepare("products_by_ids"),
  productsBySlugs: db.select(productColumns).from(products).where(anyOf(products.slug, "slugs")).prepare("products_by_slugs"),
  categoriesByIds: db.select().from(categories).where(anyOf(categories.id, "ids")).prepare("categories_by_ids"),
}));

/** Built per request: one SQL query per batch, results in key order. Keys are valid lowercase UUIDs or slugs. */
export function createLoaders(db: ProductDatabase) {
  const { productsByIds, productsBySlugs, categoriesByIds } = statements(db);
  return {
    productById: rowLoader(
      (ids: readonly string[]) => productsByIds.execute({ ids }),
      (product) => product.id,
    ),
    productBySlug: rowLoader(
      (slugs: readonly string[]) => productsBySlugs.execute({ slugs }),
      (product) => product.slug,
    ),
    categoryById: rowLoader(
      (ids: readonly string[]) => categoriesByIds.execute({ ids }),
      (category) => category.id,
    ),
    categoryPage: categoryPageLoader(db),
    activeCountByCategory: categoryCountLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
