import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { badUserInput, parseId, parsePageArgs, toConnection } from "@shop/runtime";
import type { Context } from "../context";
import type { ProductDatabase } from "../db/database";
import { categories, products } from "../db/schema";
import { productColumns, type CategoryModel, type ProductConnectionModel, type ProductModel } from "../models";
import { parseProductFilter, rankKey, titleKey, type ListingFilter, type ProductFilterInput } from "./listing-rules";

type CatalogContext = Pick<Context, "db" | "loaders">;

/** One product by id or by slug (exactly one); archived products too, since old orders show them. */
export async function findProduct(ctx: CatalogContext, id?: string | null, slug?: string | null): Promise<ProductModel | null> {
  const hasId = id !== null && id !== undefined;
  const hasSlug = slug !== null && slug !== undefined;
  if (hasId === hasSlug) throw badUserInput(hasId ? "slug" : "id", "pass exactly one of id and slug");
  return hasId ? ctx.loaders.productById.load(parseId(id, "id")) : ctx.loaders.productBySlug.load(slug!);
}

export function listCategories(db: ProductDatabase): Promise<CategoryModel[]> {
  return db.select().from(categories).orderBy(asc(categories.name), asc(categories.id));
}

/** Active products matching `filter`, by relevance when searching and by title otherwise (keyset pagination). */
export async function listProducts(
  db: ProductDatabase,
  filterInput: ProductFilterInput | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ProductConnectionModel> {
  const filter = parseProductFilter(filterInput);
  const page = parsePageArgs<unknown>(first, after);
  const where = and(...conditions(filter));
  const counter = lazyCount(db, where);
  if (filter.search === null) {
    const position = titleKey(page.after);
    const rows = await db
      .select(productColumns)
      .from(products)
      .where(and(where, position ? sql`(${products.title}, ${products.id}) > (${position[0]}, ${position[1]}::uuid)` : undefined))
      .orderBy(asc(products.title), asc(products.id))
      .limit(page.limit + 1);
    return { ...toConnection(rows, page.limit, (row) => [row.title, row.id]), count: counter };
  }
  const query = sql`websearch_to_tsquery('english', ${filter.search})`;
  const rank = sql<number>`ts_rank(${products.search}, ${query})`.mapWith(Number);
  const position = rankKey(page.after);
  const rows = await db
    .select({ ...productColumns, rank })
    .from(products)
    .where(
      and(
        where,
        position
          ? sql`(${rank} < ${position[0]}::real or (${rank} = ${position[0]}::real and ${products.id} > ${position[1]}::uuid))`
          : undefined,
      ),
    )
    .orderBy(desc(rank), asc(products.id))
    .limit(page.limit + 1);
  return { ...toConnection(rows, page.limit, (row) => [row.rank, row.id]), count: counter };
}

/** The WHERE of a listing, without its keyset position (so the count covers every page). */
function conditions(filter: ListingFilter): (SQL | undefined)[] {
  return [
    eq(products.status, "ACTIVE"),
    // A subquery instead of a lookup first: an unknown slug yields an empty page in the same single statement.
    filter.categorySlug === null
      ? undefined
      : sql`${products.categoryId} = (select ${categories.id} from ${categories} where ${categories.slug} = ${filter.categorySlug})`,
    filter.minPrice === null ? undefined : gte(products.priceAmount, filter.minPrice),
    filter.maxPrice === null ? undefined : lte(products.priceAmount, filter.maxPrice),
    filter.search === null ? undefined : sql`${products.search} @@ websearch_to_tsquery('english', ${filter.search})`,
  ];
}

/** Counts only when called (a client selected totalCount), at most once. */
function lazyCount(db: ProductDatabase, where: SQL | undefined): () => Promise<number> {
  let total: Promise<number> | undefined;
  return () =>
    (total ??= db
      .select({ total: count() })
      .from(products)
      .where(where)
      .then(([row]) => row?.total ?? 0));
}

/** Active products of one category by title, batched with its siblings' pages; counted lazily. */
export async function listCategoryProducts(
  ctx: CatalogContext,
  categoryId: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ProductConnectionModel> {
  const page = parsePageArgs<unknown>(first, after);
  const connection = await ctx.loaders.categoryPage.load({ categoryId, limit: page.limit, after: titleKey(page.after) });
  return { ...connection, count: () => ctx.loaders.activeCountByCategory.load(categoryId) };
}
