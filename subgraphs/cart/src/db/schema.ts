import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * One cart per user, created on first use; user ids belong to the user subgraph (no foreign key across databases).
 * A guest cart (an anonymous visitor's) has no user: it is known by its id, which its cart token names.
 */
export const carts = pgTable(
  "carts",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().unique("carts_user_id_unique"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The sweeper deletes guest carts by their last change.
  (table) => [
    index("carts_guest_updated_at_idx")
      .on(table.updatedAt)
      .where(sql`${table.userId} is null`),
  ],
);

/** A product and its quantity in a cart. No price: lines are priced with the product's current price. */
export const cartItems = pgTable(
  "cart_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: uuid().notNull(),
    quantity: integer().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Also the target of addToCart's ON CONFLICT merge, and the index behind per-cart lookups.
    unique("cart_items_cart_id_product_id_unique").on(table.cartId, table.productId),
    check("cart_items_quantity_range", sql`${table.quantity} BETWEEN 1 AND 99`),
    // Serves `items`, which lists a cart's lines by (added_at, id).
    index("cart_items_cart_id_added_at_idx").on(table.cartId, table.addedAt, table.id),
  ],
);

/**
 * Orders whose purchased lines were taken out of the buyer's cart: makes the checkout's "consume" step idempotent,
 * so a retried or recovered checkout never removes units twice.
 */
export const consumedOrders = pgTable("consumed_orders", {
  orderId: uuid().primaryKey(),
  userId: uuid().notNull(),
  consumedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Guest carts merged into an account at logIn or signUp: the primary key makes the merge happen once per guest cart,
 * whichever of two concurrent sign-ins with the same token gets there first.
 */
export const guestCartMerges = pgTable("guest_cart_merges", {
  guestCartId: uuid().primaryKey(),
  userId: uuid().notNull(),
  mergedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const schema = { carts, cartItems, consumedOrders, guestCartMerges };
