import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (table) => [
    // DESC NULLS FIRST is exactly what `order by created_at desc, id desc` asks for; NULLS LAST would force a sort.
    index("orders_user_id_created_at_id_idx").on(table.userId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
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
  (table) => [index("order_events_order_id_id_idx").on(table.orderId, table.id)],
);

export const schema = { orders, orderItems, orderEvents };
