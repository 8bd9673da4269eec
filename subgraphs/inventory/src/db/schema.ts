import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";

export const reservationStatus = pgEnum("reservation_status", ["ACTIVE", "COMMITTED", "RELEASED"]);

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
 * Units held for an order. Only ACTIVE rows count as reserved; COMMITTED ones are already taken off on_hand,
 * RELEASED ones returned to stock.
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
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    check("reservations_quantity_positive", sql`${table.quantity} > 0`),
    index("reservations_active_product_idx").on(table.productId).where(sql`${table.status} = 'ACTIVE'`),
    index("reservations_active_expires_idx").on(table.expiresAt).where(sql`${table.status} = 'ACTIVE'`),
  ],
);

export const schema = { stockLevels, reservations };
