import type { BaseContext, Database, Redis, SubgraphRequest } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";

export type InventoryDatabase = Database<typeof schema>["db"];

/** Per-request context: who asks, PostgreSQL, the Redis counters, the product subgraph, and fresh DataLoaders. */
export interface Context extends BaseContext {
  db: InventoryDatabase;
  redis: Redis;
  products: SubgraphRequest;
  loaders: Loaders;
}
