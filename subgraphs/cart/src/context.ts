import type { BaseContext, Database } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";
import type { ProductCatalog } from "./services/catalog";

export type CartDatabase = Database<typeof schema>["db"];

/** Per-request context: who asks, the database, fresh DataLoaders and the product subgraph's internal API. */
export interface Context extends BaseContext {
  db: CartDatabase;
  loaders: Loaders;
  products: ProductCatalog;
}
