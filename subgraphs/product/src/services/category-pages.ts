import DataLoader from "dataloader";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { toConnection, type Connection } from "@shop/runtime";
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

/**
 * Pages of several categories in one statement: a VALUES list of keyset positions, LATERAL-joined to an index
 * range scan per category, so `categories { products(first: 5) }` costs one query however many categories there are.
 */
export function categoryPageLoader(db: ProductDatabase) {
  return new DataLoader<CategoryPageKey, Connection<ProductModel>, string>(
    async (keys) => {
      const fetch = Math.max(...keys.map((key) => key.limit)) + 1;
      const positions = sql.join(
        keys.map((key, i) => {
          const [title, id] = key.after ?? START;
          return sql`(${i}::int, ${key.categoryId}::uuid, ${title}::text, ${id}::uuid)`;
        }),
        sql`, `,
      );
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
        .limit(fetch)
        .as("page");
      const fields = Object.fromEntries(Object.keys(productColumns).map((name) => [name, page[name as keyof typeof productColumns]]));
      const rows = await db
        .select({
          position: sql<number>`k.position`.mapWith(Number),
          product: fields as { [K in keyof typeof productColumns]: (typeof page)[K] },
        })
        .from(sql`(values ${positions}) as k(position, category_id, after_title, after_id)`)
        .crossJoinLateral(page)
        .orderBy(sql`k.position`, asc(page.title), asc(page.id));
      const groups = keys.map((): ProductModel[] => []);
      for (const row of rows) groups[row.position]!.push(row.product);
      return keys.map((key, i) => toConnection(groups[i]!.slice(0, key.limit + 1), key.limit, (p) => [p.title, p.id]));
    },
    { cacheKeyFn: (key) => JSON.stringify([key.categoryId, key.limit, key.after]) },
  );
}

/** Active-product counts of several categories in one grouped query (0 for an empty category). */
export function categoryCountLoader(db: ProductDatabase) {
  return new DataLoader<string, number>(async (categoryIds) => {
    const rows = await db
      .select({ categoryId: products.categoryId, total: count() })
      .from(products)
      .where(and(inArray(products.categoryId, [...categoryIds]), eq(products.status, "ACTIVE")))
      .groupBy(products.categoryId);
    const totals = new Map(rows.map((row) => [row.categoryId, row.total]));
    return categoryIds.map((id) => totals.get(id) ?? 0);
  });
}
