import type { BaseContext, RateLimit, ShopConfig } from "@shop/runtime";
import type { UserDatabase } from "./db/database";
import type { Loaders } from "./loaders";
import type { PasswordHasher } from "./services/passwords";

/** Per-request context: who asks (and from where), the database, fresh DataLoaders, and the sign-in guards. */
export interface Context extends BaseContext {
  db: UserDatabase;
  loaders: Loaders;
  config: Pick<ShopConfig, "jwt" | "passwordScryptLogN">;
  /** scrypt behind a bounded queue (PASSWORD_HASH_QUEUE_LIMIT). */
  passwords: PasswordHasher;
  /** The rate limits of signUp, logIn and refreshToken, shared by every user subgraph replica through Redis. */
  limits: AccountLimits;
}

interface AccountLimits {
  loginPerAccountIp: RateLimit;
  loginPerIp: RateLimit;
  signUpPerIp: RateLimit;
  refreshPerIp: RateLimit;
}
