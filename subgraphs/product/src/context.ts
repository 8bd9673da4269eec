import type { BaseContext } from "@shop/runtime";
import type { ProductDatabase } from "./db/database";
import type { Loaders } from "./loaders";

/** Per-request context: who asks, the database, and fresh DataLoaders. */
export interface Context extends BaseContext {
  db: ProductDatabase;
  loaders: Loaders;
}
