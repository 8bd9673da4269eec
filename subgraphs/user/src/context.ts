import type { BaseContext, ShopConfig } from "@shop/runtime";
import type { UserDatabase } from "./db/database";
import type { Loaders } from "./loaders";

/** Per-request context: who asks, the database, and fresh DataLoaders. */
export interface Context extends BaseContext {
  db: UserDatabase;
  loaders: Loaders;
  config: Pick<ShopConfig, "jwt" | "passwordScryptLogN">;
}
