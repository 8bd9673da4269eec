import type { BaseContext } from "@shop/runtime";
import type { CartDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { Siblings } from "./siblings";

/** Per-request context: who asks, the database, fresh DataLoaders and the calls to sibling subgraphs. */
export interface Context extends BaseContext {
  db: CartDatabase;
  loaders: Loaders;
  siblings: Siblings;
}
