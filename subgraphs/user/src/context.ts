import type { BaseContext, Database, ShopConfig } from "@shop/runtime";
import type { schema } from "./db/schema";
import type { Loaders } from "./loaders";

export type UserDatabase = Database<typeof schema>["db"];

/** Per-request context: who asks, the database, and fresh DataLoaders. */
export interface Context extends BaseContext {
  db: UserDatabase;
  loaders: Loaders;
  config: Pick<ShopConfig, "jwt" | "passwordScryptLogN">;
}
