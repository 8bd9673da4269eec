import type { Database } from "@shop/runtime";
import type { schema } from "./schema";

/**
 * The inventory database's drizzle client. It lives beside the schema rather than in context.ts, so that the context, the
 * loaders and the services all import it from here and none of them has to import another for a type.
 */
export type InventoryDatabase = Database<typeof schema>["db"];
