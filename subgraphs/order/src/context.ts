import type { BaseContext } from "@shop/runtime";
import type { OrderDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { Siblings } from "./siblings";
import type { PaymentProvider } from "./services/payments/provider";
import type { LiveDeps } from "./subscriptions/follow";

/**
 * Per-request context: who asks, the database, fresh DataLoaders, and what checkout, cancelOrder and
 * updateOrderStatus talk to besides the database.
 */
export interface Context extends BaseContext {
  db: OrderDatabase;
  loaders: Loaders;
  /** The internal fields of cart, product and inventory, called with the order service's own credential. */
  siblings: Siblings;
  /** The payment provider, behind timeouts, retries and a circuit breaker (charges, refunds). */
  payments: PaymentProvider;
  /** How long checkout holds stock before the inventory sweeper may release it. */
  reservationTtlSeconds: number;
  /** Live order tracking: the process's Redis event hub (subscriptions). */
  live: LiveDeps;
}
