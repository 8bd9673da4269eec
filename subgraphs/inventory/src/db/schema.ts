import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * PENDING: written before Redis is asked (a crash leaves a row the sweeper can find). ACTIVE: Redis took the units.
 * PENDING and ACTIVE are "held". COMMITTED: taken off on_hand (paid). RELEASED: given back unpaid. RETURNED: a
 * committed reservation whose units went back on hand (paid order cancelled).
 */
export const reservationStatus = pgEnum("reservation_status", ["PENDING", "ACTIVE", "COMMITTED", "RELEASED", "RETURNED"]);

/** Why a reservation was RELEASED: REFUSED answers a replayed reserve as REFUSED, the others as RELEASED. */
export const releaseReason = pgEnum("reservation_release_reason", ["REFUSED", "CANCELLED", "EXPIRED", "ABANDONED"]);

/** One row per product that was ever stocked; a product without a row has zero units. */
export const stockLevels = pgTable(
  "stock_levels",
  {
    /** The product subgraph's id; no foreign key, because products live in another database. */
    productId: uuid().primaryKey(),
    onHand: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("stock_levels_on_hand_not_negative", sql`${table.onHand} >= 0`)],
);

/**
 * Units held for an order, one row per (order, product); all rows of an order always change status together.
 * PENDING and ACTIVE rows count as reserved; COMMITTED ones are already taken off on_hand, RELEASED ones given back.
 */
export const reservations = pgTable(
  "reservations",
  {
    orderId: uuid().notNull(),
    productId: uuid()
      .notNull()
      .references(() => stockLevels.productId),
    quantity: integer().notNull(),
    status: reservationStatus().notNull().default("ACTIVE"),
    releaseReason: releaseReason(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    check("reservations_quantity_positive", sql`${table.quantity} > 0`),
    // The reserved sums, the expiry sweep and the orphan sweep read only held rows.
    index("reservations_held_product_idx")
      .on(table.productId)
      .where(sql`${table.status} in ('PENDING', 'ACTIVE')`),
    index("reservations_held_expires_idx")
      .on(table.expiresAt)
      .where(sql`${table.status} in ('PENDING', 'ACTIVE')`),
    index("reservations_pending_created_idx")
      .on(table.createdAt)
      .where(sql`${table.status} = 'PENDING'`),
  ],
);

export const schema = { stockLevels, reservations };
