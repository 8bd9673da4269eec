import type { BaseContext, RateLimit, ShopConfig } from "@shop/runtime";
import type { UserDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { PasswordHasher } from "./services/passwords";
import type { Siblings } from "./siblings";

/** Per-request context: who asks (and from where), the database, fresh DataLoaders, the sign-in guards and siblings. */
export interface Context extends BaseContext {
  db: UserDatabase;
  loaders: Loaders;
  config: Pick<ShopConfig, "jwt" | "passwordScryptLogN" | "internalKeys">;
  /** scrypt behind a bounded queue (PASSWORD_HASH_QUEUE_LIMIT). */
  passwords: PasswordHasher;
  /** The rate limits of signUp, logIn and refreshToken, shared by every user subgraph replica through Redis. */
  limits: AccountLimits;
  /** The calls to sibling subgraphs (the cart's guest cart merge). */
  siblings: Siblings;
}

interface AccountLimits {
  loginPerAccountIp: RateLimit;
  loginPerIp: RateLimit;
  signUpPerIp: RateLimit;
  refreshPerIp: RateLimit;
}
