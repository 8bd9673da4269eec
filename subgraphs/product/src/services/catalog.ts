import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { badUserInput, parseId, parsePageArgs, perDatabase, toConnection } from "@shop/runtime";
import type { Context } from "../context";
import type { ProductDatabase } from "../db/database";
import { categories, products } from "../db/schema";
import { productColumns, type CategoryModel, type ProductConnectionModel, type ProductModel } from "../models";
import { parseProductFilter, rankKey, titleKey, type ProductFilterInput } from "./listing-rules";

type CatalogContext = Pick<Context, "db" | "loaders">;

/** One product by id or by slug (exactly one); archived products too, since old orders show them. */
export async function findProduct(ctx: CatalogContext, id?: string | null, slug?: string | null): Promise<ProductModel | null> {
  const hasId = id !== null && id !== undefined;
  const hasSlug = slug !== null && slug !== undefined;
  if (hasId === hasSlug) throw badUserInput(hasId ? "slug" : "id", "pass exactly one of id and slug");
  return hasId ? ctx.loaders.productById.load(parseId(id, "id")) : ctx.loaders.productBySlug.load(slug!);
}

/** Statements prepared once per database; listings and counts per filter shape, at their first use. */
const statements = perDatabase((db: ProductDatabase) => ({
  categories: db.select().from(categories).orderBy(asc(categories.name), asc(categories.id)).prepare("categories"),
  titleListings: new Map<string, ReturnType<typeof titleListing>>(),
  searchListings: new Map<string, ReturnType<typeof searchListing>>(),
  counts: new Map<string, ReturnType<typeof countOf>>(),
}));

export function listCategories(db: ProductDatabase): Promise<CategoryModel[]> {
  return statements(db).categories.execute();
}

/** Which optional parts a listing's SQL has: its statement's key. Values travel as placeholders. */
interface ListingShape {
  categorySlug: boolean;
  minPrice: boolean;
  maxPrice: boolean;
  search: boolean;
  after: boolean;
}

const shapeKey = (shape: ListingShape) => Object.values(shape).map(Number).join("");

/** A statement for `shape`, prepared at the first listing of that shape and kept. */
function preparedFor<T>(cache: Map<string, T>, shape: ListingShape, prepare: () => T): T {
  const key = shapeKey(shape);
  let statement = cache.get(key);
  if (statement === undefined) {
    statement = prepare();
    cache.set(key, statement);
  }
  return statement;
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
  const prepared = statements(db);
  const values = { ...filter, limit: page.limit + 1 };
  const shape = (withAfter: boolean): ListingShape => ({
    categorySlug: filter.categorySlug !== null,
    minPrice: filter.minPrice !== null,
    maxPrice: filter.maxPrice !== null,
    search: filter.search !== null,
    after: withAfter,
  });
  const counter = lazyCount(() => preparedFor(prepared.counts, shape(false), () => countOf(db, shape(false))).execute(values));
  if (filter.search === null) {
    const position = titleKey(page.after);
    const statement = preparedFor(prepared.titleListings, shape(position !== null), () => titleListing(db, shape(position !== null)));
    const rows = await statement.execute({ ...values, afterTitle: position?.[0], afterId: position?.[1] });
    return { ...toConnection(rows, page.limit, (row) => [row.title, row.id]), count: counter };
  }
  const position = rankKey(page.after);
  const statement = preparedFor(prepared.searchListings, shape(position !== null), () => searchListing(db, shape(position !== null)));
  const rows = await statement.execute({ ...values, afterRank: position?.[0], afterId: position?.[1] });
  return { ...toConnection(rows, page.limit, (row) => [row.rank, row.id]), count: counter };
}

const placeholder = sql.placeholder;
const searchQuery = sql`websearch_to_tsquery('english', ${placeholder("search")})`;
const rank = sql<number>`ts_rank(${products.search}, ${searchQuery})`.mapWith(Number);

/** The WHERE of a listing, without its keyset position (so the count covers every page). */
function conditions(shape: ListingShape): SQL | undefined {
  return and(
    eq(products.status, "ACTIVE"),
    // A subquery instead of a lookup first: an unknown slug yields an empty page in the same single statement.
    shape.categorySlug
      ? sql`${products.categoryId} = (select ${categories.id} from ${categories} where ${categories.slug} = ${placeholder("categorySlug")})`
      : undefined,
    shape.minPrice ? gte(products.priceAmount, placeholder("minPrice")) : undefined,
    shape.maxPrice ? lte(products.priceAmount, placeholder("maxPrice")) : undefined,
    shape.search ? sql`${products.search} @@ ${searchQuery}` : undefined,
  );
}

/** Listing by (title, id), from the keyset position (afterTitle, afterId) when `shape.after`. */
function titleListing(db: ProductDatabase, shape: ListingShape) {
  return db
    .select(productColumns)
    .from(products)
    .where(
      and(
        conditions(shape),
        shape.after
          ? sql`(${products.title}, ${products.id}) > (${placeholder("afterTitle")}, ${placeholder("afterId")}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(products.title), asc(products.id))
    .limit(placeholder("limit"))
    .prepare("title_listing");
}

/** Search results by (rank desc, id), after the keyset position (afterRank, afterId) when `shape.after`. */
function searchListing(db: ProductDatabase, shape: ListingShape) {
  return db
    .select({ ...productColumns, rank })
    .from(products)
    .where(
      and(
        conditions(shape),
        shape.after
          ? sql`(${rank} < ${placeholder("afterRank")}::real or (${rank} = ${placeholder("afterRank")}::real and ${products.id} > ${placeholder("afterId")}::uuid))`
          : undefined,
      ),
    )
    .orderBy(desc(rank), asc(products.id))
    .limit(placeholder("limit"))
    .prepare("search_listing");
}

function countOf(db: ProductDatabase, shape: ListingShape) {
  return db.select({ total: count() }).from(products).where(conditions(shape)).prepare("listing_count");
}

/** Counts only when called (a client selected totalCount), at most once. */
function lazyCount(run: () => Promise<{ total: number }[]>): () => Promise<number> {
  let total: Promise<number> | undefined;
  return () => (total ??= run().then(([row]) => row?.total ?? 0));
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
