import type { BaseContext, Redis, SubgraphRequest } from "@shop/runtime";
import type { InventoryDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { StockEngine } from "./services/stock/engine";

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
