import type { BaseContext, RateLimit } from "@shop/runtime";
import type { OrderDatabase, OrderSql } from "./db/database";
import type { Loaders } from "./loaders";
import type { Siblings } from "./siblings";
import type { PaymentProvider } from "./services/payments/provider";
import type { SoldOutHints } from "./services/checkout/sold-out-hints";
import type { LiveDeps } from "./subscriptions/follow";

/**
 * Per-request context: who asks, the database, fresh DataLoaders, and what checkout, cancelOrder and
 * updateOrderStatus talk to besides the database.
 */
export interface Context extends BaseContext {
  db: OrderDatabase;
  /** The same database through postgres.js, for the checkout saga's one-statement steps. */
  sql: OrderSql;
  loaders: Loaders;
  /** The internal fields of cart, product and inventory, called with the order service's own credential. */
  siblings: Siblings;
  /** The payment provider, behind timeouts, retries and a circuit breaker (charges, refunds). */
  payments: PaymentProvider;
  /** How long checkout holds stock before the inventory sweeper may release it. */
  reservationTtlSeconds: number;
  /** Products this process recently saw refused for lack of stock (the sold-out fast path of checkout). */
  soldOut: SoldOutHints;
  /** The live charge's lease (CHECKOUT_CHARGE_LEASE_MS): recovery leaves a checkout alone while its charge runs. */
  chargeLeaseMs: number;
  /** Failed commits of a charged checkout before it is refunded and cancelled (CHECKOUT_COMMIT_MAX_ATTEMPTS). */
  commitMaxAttempts: number;
  /** Live order tracking: the process's Redis event hub (subscriptions). */
  live: LiveDeps;
  /** Checkouts per account (RATE_LIMIT_CHECKOUT_PER_ACCOUNT), shared by every order replica through Redis. */
  checkoutLimit: RateLimit;
}
