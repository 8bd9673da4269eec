import type { BaseContext } from "@shop/runtime";
import type { CartDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { ProductCatalog } from "./services/catalog";

/** Per-request context: who asks, the database, fresh DataLoaders and the product subgraph's internal API. */
export interface Context extends BaseContext {
  db: CartDatabase;
  loaders: Loaders;
  products: ProductCatalog;
}
