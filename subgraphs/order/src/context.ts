import type { BaseContext, Database } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";

export type OrderDatabase = Database<typeof schema>["db"];

/** Per-request context: who asks, the database, and fresh DataLoaders. */
export interface Context extends BaseContext {
  db: OrderDatabase;
  loaders: Loaders;
}
