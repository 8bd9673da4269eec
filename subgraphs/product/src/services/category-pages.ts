import DataLoader from "dataloader";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { anyOf, perDatabase, toConnection, type Connection } from "@shop/runtime";
import type { ProductDatabase } from "../db/database";
import { products } from "../db/schema";
import { productColumns, type ProductModel } from "../models";
import type { TitleKey } from "./listing-rules";

/** One category's page request: `Category.products(first, after)` after validation. */
export interface CategoryPageKey {
  categoryId: string;
  limit: number;
  after: TitleKey | null;
}

/** Sorts before every real (title, id): an empty title and the nil UUID. */
const START: TitleKey = ["", "00000000-0000-0000-0000-000000000000"];

/** Statements prepared once per database (a request binds its keys): one shape for any number of categories. */
const statements = perDatabase((db: ProductDatabase) => {
  const page = db
    .select(productColumns)
    .from(products)
    .where(
      and(
        sql`${products.categoryId} = k.category_id`,
        eq(products.status, "ACTIVE"),
        sql`(${products.title}, ${products.id}) > (k.after_title, k.after_id)`,
      ),
    )
    .orderBy(asc(products.title), asc(products.id))
    .limit(sql.placeholder("fetch"))
    .as("page");
  const fields = Object.fromEntries(Object.keys(productColumns).map((name) => [name, page[name as keyof typeof productColumns]]));
  const keys = sql`unnest(${sql.placeholder("positions")}::int[], ${sql.placeholder("categoryIds")}::uuid[], ${sql.placeholder("afterTitles")}::text[], ${sql.placeholder("afterIds")}::uuid[])`;
  return {
    pages: db
      .select({
        position: sql<number>`k.position`.mapWith(Number),
        product: fields as { [K in keyof typeof productColumns]: (typeof page)[K] },
      })
      .from(sql`${keys} as k(position, category_id, after_title, after_id)`)
      .crossJoinLateral(page)
      .orderBy(sql`k.position`, asc(page.title), asc(page.id))
      .prepare("category_pages"),
    activeCounts: db
      .select({ categoryId: products.categoryId, total: count() })
      .from(products)
      .where(and(anyOf(products.categoryId, "categoryIds"), eq(products.status, "ACTIVE")))
      .groupBy(products.categoryId)
      .prepare("active_counts_by_category"),
  };
});

/**
 * Pages of several categories in one statement: the keyset positions as arrays, unnested and LATERAL-joined to an
 * index range scan per category, so `categories { products(first: 5) }` costs one query however many categories there are.
 */
export function categoryPageLoader(db: ProductDatabase) {
  const { pages } = statements(db);
  return new DataLoader<CategoryPageKey, Connection<ProductModel>, string>(
    async (keys) => {
      const rows = await pages.execute({
        fetch: Math.max(...keys.map((key) => key.limit)) + 1,
        positions: keys.map((_, i) => i),
        categoryIds: keys.map((key) => key.categoryId),
        afterTitles: keys.map((key) => (key.after ?? START)[0]),
        afterIds: keys.map((key) => (key.after ?? START)[1]),
      });
      const groups = keys.map((): ProductModel[] => []);
      for (const row of rows) groups[row.position]!.push(row.product);
      return keys.map((key, i) => toConnection(groups[i]!.slice(0, key.limit + 1), key.limit, (p) => [p.title, p.id]));
    },
    { cacheKeyFn: (key) => JSON.stringify([key.categoryId, key.limit, key.after]) },
  );
}

/** Active-product counts of several categories in one grouped query (0 for an empty category). */
export function categoryCountLoader(db: ProductDatabase) {
  const { activeCounts } = statements(db);
  return new DataLoader<string, number>(async (categoryIds) => {
    const rows = await activeCounts.execute({ categoryIds });
    const totals = new Map(rows.map((row) => [row.categoryId, row.total]));
    return categoryIds.map((id) => totals.get(id) ?? 0);
  });
}
