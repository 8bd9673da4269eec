import type { ProductFilter } from "../../generated/graphql";

/** The catalogue's filter as it sits in the address bar (?q=&category=&min=&max=, prices in whole units). */
export function filterFromSearchParams(params: URLSearchParams): ProductFilter {
  const filter: ProductFilter = {};
  const search = params.get("q")?.trim();
  if (search) filter.search = search;
  const category = params.get("category");
  if (category) filter.categorySlug = category;
  const min = centsOf(params.get("min"));
  if (min !== undefined) filter.minPrice = min;
  const max = centsOf(params.get("max"));
  if (max !== undefined) filter.maxPrice = max;
  return filter;
}

/** "12.5" → 1250; empty or not a non-negative number → no bound. */
function centsOf(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const units = Number(value);
  return Number.isFinite(units) && units >= 0 ? Math.round(units * 100) : undefined;
}
