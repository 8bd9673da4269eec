import type { Database } from "@shop/runtime";
import type { schema } from "./schema";

/**
 * The order database's drizzle client. It lives beside the schema rather than in context.ts, so that the context, the
 * loaders and the services all import it from here and none of them has to import another for a type.
 */
export type OrderDatabase = Database<typeof schema>["db"];

/** A drizzle transaction of the order database. */
export type OrderTransaction = Parameters<Parameters<OrderDatabase["transaction"]>[0]>[0];

/**
 * The order database's postgres.js client, under drizzle: the checkout saga's hot statements are written against it
 * directly, so that each step is one prepared statement (postgres.js prepares by statement text) with nothing
 * rebuilt per call.
 */
export type OrderSql = Database<typeof schema>["sql"];
