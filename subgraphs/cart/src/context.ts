import type { BaseContext, InternalKeys, RateLimit } from "@shop/runtime";
import type { CartDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { CartSettings } from "./settings";
import type { Siblings } from "./siblings";

/**
 * Per-request context: who asks, the database, fresh DataLoaders, the calls to sibling subgraphs, the keys that sign
 * and verify guest cart tokens, and the limit on new guest carts.
 */
export interface Context extends BaseContext {
  db: CartDatabase;
  loaders: Loaders;
  siblings: Siblings;
  internalKeys: InternalKeys;
  settings: CartSettings;
  limits: { guestCartsPerIp: RateLimit };
}
