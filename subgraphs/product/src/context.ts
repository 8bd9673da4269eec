import type { BaseContext, ResponseCacheStore } from "@shop/runtime";
import type { ProductDatabase } from "./db/database";
import type { Loaders } from "./loaders";

/** Per-request context: who asks, the database, fresh DataLoaders, and the response cache writes invalidate. */
export interface Context extends BaseContext {
  db: ProductDatabase;
  loaders: Loaders;
  /** Null when RESPONSE_CACHE_ENABLED=false. */
  catalogueCache: ResponseCacheStore | null;
}
