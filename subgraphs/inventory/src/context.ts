import type { BaseContext, Database, Redis } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";
import type { StockEngine } from "./services/engine";
import type { Siblings } from "./siblings";

export type InventoryDatabase = Database<typeof schema>["db"];

/**
 * Per-request context: who asks, PostgreSQL, the Redis counters, the reservation engine, the calls to sibling
 * subgraphs, and fresh DataLoaders.
 */
export interface Context extends BaseContext {
  db: InventoryDatabase;
  redis: Redis;
  stock: StockEngine;
  siblings: Siblings;
  loaders: Loaders;
}
