import type { BaseContext, Database, Redis, SubgraphRequest } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";
import type { StockEngine } from "./services/engine";

export type InventoryDatabase = Database<typeof schema>["db"];

/**
 * Per-request context: who asks, PostgreSQL, the Redis counters, the reservation engine, the product subgraph,
 * and fresh DataLoaders.
 */
export interface Context extends BaseContext {
  db: InventoryDatabase;
  redis: Redis;
  stock: StockEngine;
  products: SubgraphRequest;
  loaders: Loaders;
}
