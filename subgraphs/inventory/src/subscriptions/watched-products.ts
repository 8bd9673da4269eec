import { badUserInput, parseId } from "@shop/runtime";

/** Products one `stockChanged` subscription may follow: a storefront page's worth, bounded so one cannot watch all. */
export const MAX_WATCHED_PRODUCTS = 100;

/**
 * The product ids of a `stockChanged` subscription: 1 to MAX_WATCHED_PRODUCTS well-formed ids, lower-cased, each once
 * (a repeat is ignored); anything else is BAD_USER_INPUT on `productIds`.
 */
export function parseWatchedProductIds(productIds: readonly string[]): string[] {
  if (productIds.length === 0) throw badUserInput("productIds", "give at least one product id");
  if (productIds.length > MAX_WATCHED_PRODUCTS) {
    throw badUserInput("productIds", `at most ${MAX_WATCHED_PRODUCTS} products per subscription (got ${productIds.length})`);
  }
  return [...new Set(productIds.map((id) => parseId(id, "productIds")))];
}
