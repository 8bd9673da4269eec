import { badUserInput, isUuid } from "@shop/runtime";

/** The `products` filter as clients send it (every field optional). */
export interface ProductFilterInput {
  search?: string | null;
  categorySlug?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
}

/** A validated filter: blank search means no search. */
export interface ListingFilter {
  search: string | null;
  categorySlug: string | null;
  minPrice: number | null;
  maxPrice: number | null;
}

export const MAX_SEARCH_LENGTH = 200;

/** Validates and normalizes a filter, or throws BAD_USER_INPUT naming `filter.<field>`. */
export function parseProductFilter(input: ProductFilterInput | null | undefined): ListingFilter {
  const search = input?.search?.trim() || null;
  if (search && search.length > MAX_SEARCH_LENGTH) {
    throw badUserInput("filter.search", `must be at most ${MAX_SEARCH_LENGTH} characters`);
  }
  const minPrice = input?.minPrice ?? null;
  const maxPrice = input?.maxPrice ?? null;
  if (minPrice !== null && minPrice < 0) throw badUserInput("filter.minPrice", "must be zero or more");
  if (maxPrice !== null && maxPrice < 0) throw badUserInput("filter.maxPrice", "must be zero or more");
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) {
    throw badUserInput("filter.maxPrice", "must be at least filter.minPrice");
  }
  return { search, categorySlug: input?.categorySlug ?? null, minPrice, maxPrice };
}

/** Keyset position of the (title, id) order. */
export type TitleKey = [title: string, id: string];
/** Keyset position of the relevance order: (rank desc, id asc). */
export type RankKey = [rank: number, id: string];

const notOurs = () => badUserInput("after", "is not a cursor returned by this field");

/** A decoded `after` cursor of a title-ordered listing, or BAD_USER_INPUT "after" (e.g. a search cursor). */
export function titleKey(after: unknown): TitleKey | null {
  if (after === null || after === undefined) return null;
  if (!Array.isArray(after) || after.length !== 2) throw notOurs();
  const [title, id] = after as unknown[];
  if (typeof title !== "string" || typeof id !== "string" || !isUuid(id)) throw notOurs();
  return [title, id];
}

/** A decoded `after` cursor of a relevance-ordered search, or BAD_USER_INPUT "after". */
export function rankKey(after: unknown): RankKey | null {
  if (after === null || after === undefined) return null;
  if (!Array.isArray(after) || after.length !== 2) throw notOurs();
  const [rank, id] = after as unknown[];
  if (typeof rank !== "number" || !Number.isFinite(rank) || typeof id !== "string" || !isUuid(id)) throw notOurs();
  return [rank, id];
}
