import type { BaseContext } from "@shop/runtime";
import type { OrderDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { SagaDeps } from "./services/checkout/saga";
import type { LiveDeps } from "./subscriptions/follow";

/** Per-request context: who asks, the database, fresh DataLoaders, and what the checkout saga talks to. */
export interface Context extends BaseContext {
  db: OrderDatabase;
  loaders: Loaders;
  saga: SagaDeps;
  /** Live order tracking: the process's Redis event hub (subscriptions). */
  live: LiveDeps;
}
