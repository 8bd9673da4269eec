import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** PostgreSQL's tsvector; only ever written by the database (generated column) and read inside SQL. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const productStatus = pgEnum("product_status", ["ACTIVE", "ARCHIVED"]);

export const categories = pgTable(
  "categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("categories_slug_unique").on(table.slug), index("categories_name_idx").on(table.name)],
);

export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    sku: text().notNull(),
    slug: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** Minor units (cents). */
    priceAmount: integer().notNull(),
    currency: text().notNull().default("USD"),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id),
    status: productStatus().notNull().default("ACTIVE"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Title weighs more than description, so title matches rank first. */
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "description"), 'B')`),
  },
  (table) => [
    uniqueIndex("products_sku_unique").on(table.sku),
    uniqueIndex("products_slug_unique").on(table.slug),
    check("products_price_amount_non_negative", sql`${table.priceAmount} >= 0`),
    check("products_currency_iso", sql`${table.currency} ~ '^[A-Z]{3}$'`),
    index("products_search_idx").using("gin", table.search),
    // Listings only show ACTIVE products, ordered by (title, id): partial indexes serve both keysets.
    index("products_listing_idx")
      .on(table.title, table.id)
      .where(sql`${table.status} = 'ACTIVE'`),
    index("products_category_listing_idx")
      .on(table.categoryId, table.title, table.id)
      .where(sql`${table.status} = 'ACTIVE'`),
    index("products_price_idx")
      .on(table.priceAmount)
      .where(sql`${table.status} = 'ACTIVE'`),
    // The foreign key itself (archived rows included), for category lookups and deletes.
    index("products_category_id_idx").on(table.categoryId),
  ],
);

export const schema = { categories, products };
