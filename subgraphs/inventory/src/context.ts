import type { BaseContext, Redis } from "@shop/runtime";
import type { InventoryDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { StockEngine } from "./services/stock/engine";
import type { Siblings } from "./siblings";
import type { LiveStockDeps } from "./subscriptions/follow-stock";

/**
 * Per-request context: who asks, PostgreSQL, the Redis counters, the reservation engine, the calls to sibling
 * subgraphs, fresh DataLoaders, and what live stock subscriptions need.
 */
export interface Context extends BaseContext {
  db: InventoryDatabase;
  redis: Redis;
  stock: StockEngine;
  siblings: Siblings;
  loaders: Loaders;
  live: LiveStockDeps;
}
