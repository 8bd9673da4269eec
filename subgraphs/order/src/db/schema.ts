import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { AddressInput } from "@shop/runtime";

export const ORDER_STATUSES = ["PENDING_PAYMENT", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export const orderStatus = pgEnum("order_status", ORDER_STATUSES);

/** Millisecond precision, so a cursor made from a JS Date lands exactly on its row (keyset pagination). */
const instant = () => timestamp({ withTimezone: true, precision: 3 });

export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** A user of the user subgraph; no foreign key across databases. */
    userId: uuid().notNull(),
    status: orderStatus().notNull(),
    /** ISO 4217 code; every line of the order is priced in it. */
    currency: text().notNull(),
    /** Sum of line totals in minor units, fixed when the order is created. */
    totalAmount: integer().notNull(),
    trackingNumber: text(),
    shippingAddress: jsonb().$type<AddressInput>(),
    /**
     * Set when a cancellation is recorded (the `cancellations` row is its saga log): from then on the order may only
     * become CANCELLED. On the order row, not only in `cancellations`, so a concurrent guarded UPDATE (an admin packing
     * or shipping it) re-reads it after waiting for the row lock and finds its condition false.
     */
    cancelRequestedAt: instant(),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (table) => [
    // DESC NULLS FIRST is exactly what `order by created_at desc, id desc` asks for; NULLS LAST would force a sort.
    index("orders_user_id_created_at_id_idx").on(table.userId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // The admin's feed (`Query.orders`), all orders or one status's, newest first, walked in index order.
    index("orders_created_at_id_idx").on(table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index("orders_status_created_at_id_idx").on(table.status, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    check("orders_total_amount_non_negative", sql`${table.totalAmount} >= 0`),
    check("orders_currency_iso", sql`${table.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** A line as bought: title and price are snapshots, whatever the catalog says later. */
export const orderItems = pgTable(
  "order_items",
  {
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** A product of the product subgraph; no foreign key across databases. */
    productId: uuid().notNull(),
    title: text().notNull(),
    unitPriceAmount: integer().notNull(),
    quantity: integer().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    check("order_items_unit_price_amount_non_negative", sql`${table.unitPriceAmount} >= 0`),
    check("order_items_quantity_positive", sql`${table.quantity} > 0`),
  ],
);

/** Append-only status history; `id` orders events of one order. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: orderStatus().notNull(),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("order_events_order_id_id_idx").on(table.orderId, table.id),
    // `myOrderUpdates(since)` looks for the first event after an instant: a range of this index, bounded by how far
    // back `since` may reach (SUBSCRIPTION_SINCE_MAX_AGE_SECONDS), and index-only thanks to `id`.
    index("order_events_at_id_idx").on(table.at, table.id),
  ],
);

// ---- Checkout (the saga log), payments and the outbox -------------------------------------------------------------

/**
 * STARTED: claimed, cart read, stock maybe being reserved (no order row yet) · ORDERED: stock held, order
 * PENDING_PAYMENT · CHARGED: payment succeeded · PAID: reservation committed, order PAID · COMPLETED: cart consumed.
 */
export const CHECKOUT_STEPS = ["STARTED", "ORDERED", "CHARGED", "PAID", "COMPLETED", "FAILED"] as const;
/** How far a checkout got; recovery resumes (or undoes) anything not COMPLETED/FAILED that is older than a bound. */
export const checkoutStep = pgEnum("checkout_step", CHECKOUT_STEPS);

/**
 * One row per (user, idempotency key): the idempotency record and the saga log at once. `orderId` is chosen when the
 * checkout starts so every step (reservation, order row, charge) is idempotent on it.
 */
export const checkouts = pgTable(
  "checkouts",
  {
    orderId: uuid().primaryKey(),
    userId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    /** sha256 of the client's input (address, payment token) — the same key with other input is refused. */
    requestHash: text().notNull(),
    /** sha256 of the cart lines read at the start — the same key with another cart is refused. */
    cartHash: text(),
    step: checkoutStep().notNull().default("STARTED"),
    /** Lines with the prices read at the start: [{ productId, title, unitPriceAmount, quantity }]. */
    lines: jsonb().$type<{ productId: string; title: string; unitPriceAmount: number; quantity: number }[]>(),
    currency: text(),
    shippingAddress: jsonb().$type<AddressInput>().notNull(),
    paymentToken: text().notNull(),
    /** The CheckoutResult for replays: { kind: "Order" } or an error type with its fields. */
    result: jsonb().$type<Record<string, unknown>>(),
    /**
     * Until when somebody holds the checkout: the live request while it charges (renewed while the call runs), or a
     * recovery round that claimed it. Recovery never takes over a checkout whose lease is live, and the live request
     * charges only once it holds the lease. Cleared by every step move.
     */
    leaseUntil: instant(),
    /**
     * When the live request first asked the provider for the charge, recorded before the call. Recovery that finds
     * an attempt but no charge cancels with the payment unsettled, so a charge that lands later is refunded.
     */
    chargeAttemptedAt: instant(),
    /** Failed attempts to commit a charged checkout (CHARGED → PAID); past CHECKOUT_COMMIT_MAX_ATTEMPTS it is refunded. */
    commitFailures: integer().notNull().default(0),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("checkouts_user_id_idempotency_key_unique").on(table.userId, table.idempotencyKey),
    // One checkout in flight per customer: a second tab's claim conflicts here until the first one finishes.
    uniqueIndex("checkouts_one_in_flight_per_user_unique")
      .on(table.userId)
      .where(sql`${table.step} not in ('COMPLETED', 'FAILED')`),
    index("checkouts_unfinished_idx")
      .on(table.updatedAt)
      .where(sql`${table.step} not in ('COMPLETED', 'FAILED')`),
  ],
);

/**
 * REQUESTED: the intent is recorded (the order's `cancel_requested_at` is set) · REFUNDED: the payment is refunded
 * (nothing to do for an unpaid order) · RESTOCKED: the stock is back on hand (an unpaid order's hold released) ·
 * COMPLETED: the order is CANCELLED. Recovery resumes anything not COMPLETED that is older than a bound.
 */
export const CANCELLATION_STEPS = ["REQUESTED", "REFUNDED", "RESTOCKED", "COMPLETED"] as const;
export const cancellationStep = pgEnum("cancellation_step", CANCELLATION_STEPS);

/** The saga log of `cancelOrder`: one row per cancelled order, written with the intent, before anything is undone. */
export const cancellations = pgTable(
  "cancellations",
  {
    orderId: uuid()
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** The order's owner, for the CANCELLED event (live subscribers filter on it). */
    userId: uuid().notNull(),
    /** Fixed with the intent: a paid order is refunded and restocked, an unpaid one has its hold released. */
    paid: boolean().notNull(),
    /** The note of the CANCELLED timeline event, e.g. "Cancelled by the customer; payment refunded". */
    note: text().notNull(),
    step: cancellationStep().notNull().default("REQUESTED"),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (table) => [
    index("cancellations_unfinished_idx")
      .on(table.updatedAt)
      .where(sql`${table.step} <> 'COMPLETED'`),
  ],
);

export const PAYMENT_STATUSES = ["SUCCEEDED", "DECLINED", "FAILED", "REFUNDED"] as const;
export const paymentStatus = pgEnum("payment_status", PAYMENT_STATUSES);

/** The order's record of its payment (the provider keeps its own ledger). */
export const payments = pgTable("payments", {
  orderId: uuid()
    .primaryKey()
    .references(() => orders.id, { onDelete: "cascade" }),
  provider: text().notNull(),
  chargeId: text(),
  status: paymentStatus().notNull(),
  reason: text(),
  amount: integer().notNull(),
  currency: text().notNull(),
  /** False while the money state is unknown (the provider timed out): recovery asks the provider and refunds. */
  settled: boolean().notNull().default(true),
  createdAt: instant().notNull().defaultNow(),
  updatedAt: instant().notNull().defaultNow(),
});

/**
 * Transactional outbox: written in the same transaction as the change it announces; the relay publishes rows to
 * Redis (pub/sub + stream) and stamps `publishedAt`. At least once: consumers dedupe on `id`.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    topic: text().notNull(),
    /** The entity the event is about (the order id): consumers filter on it. */
    aggregateId: uuid().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: instant().notNull().defaultNow(),
    publishedAt: instant(),
  },
  (table) => [
    index("outbox_unpublished_idx")
      .on(table.id)
      .where(sql`${table.publishedAt} is null`),
  ],
);

/**
 * The simulated payment provider's own ledger (a real provider keeps this on its side). Keyed by order id, which is
 * the idempotency key every charge is made with: a retried charge never charges twice.
 */
export const simulatedCharges = pgTable("simulated_charges", {
  orderId: uuid().primaryKey(),
  chargeId: text().notNull(),
  token: text().notNull(),
  amount: integer().notNull(),
  currency: text().notNull(),
  status: paymentStatus().notNull(),
  reason: text(),
  /** How many charge calls reached the provider for this order (idempotent replays included). */
  attempts: integer().notNull().default(1),
  createdAt: instant().notNull().defaultNow(),
  refundedAt: instant(),
});

export const schema = { orders, orderItems, orderEvents, checkouts, cancellations, payments, outbox, simulatedCharges };
