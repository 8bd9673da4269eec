import { CacheTag, type Logger, type ResponseCacheStore } from "@shop/runtime";
import type { ProductModel } from "../models";

/** Attempts at invalidating after a write, 100 ms apart and growing: a Redis blip must not leave a stale price. */
const INVALIDATION_ATTEMPTS = 4;

/** Files a read under what it depends on: one product's data, or (a listing, a miss) every product write. */
export function tagRead(tags: Set<string>, product: ProductModel | null): ProductModel | null {
  tags.add(product ? CacheTag.product(product.id) : CacheTag.listings);
  return product;
}

/** Files a listing (products, categories) under every product write. */
export function tagListing<T>(tags: Set<string>, listing: T): T {
  tags.add(CacheTag.listings);
  return listing;
}

/**
 * After a product write commits: drops every cached answer that showed the product or any listing, in every gateway
 * (they share the cache), before the mutation answers. Retried, because an answer cached before the change would
 * otherwise be served for up to its max-age; if Redis stays unreachable the write still stands (it committed) and the
 * error is logged: the cached entries then expire within the catalogue's max-age (60 s).
 */
export async function invalidateProduct(cache: ResponseCacheStore | null, log: Logger, product: ProductModel): Promise<ProductModel> {
  if (!cache) return product;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await cache.invalidate([CacheTag.product(product.id), CacheTag.listings]);
      return product;
    } catch (error) {
      if (attempt >= INVALIDATION_ATTEMPTS) {
        log.error({ err: error, productId: product.id }, "could not invalidate the response cache after a product write");
        return product;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
