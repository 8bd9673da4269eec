import type { Database } from "@shop/runtime";
import type { schema } from "./schema";

/** The notifications database as the worker holds it: drizzle and postgres.js over one pool. */
export type NotificationsDatabase = Database<typeof schema>;
