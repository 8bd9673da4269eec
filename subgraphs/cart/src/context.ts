import type { BaseContext, Database } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";
import type { Siblings } from "./siblings";

export type CartDatabase = Database<typeof schema>["db"];

/** Per-request context: who asks, the database, fresh DataLoaders and the calls to sibling subgraphs. */
export interface Context extends BaseContext {
  db: CartDatabase;
  loaders: Loaders;
  siblings: Siblings;
}
