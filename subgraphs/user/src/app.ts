import { closeRedis, connectRedis, createRateLimit, migrationsFolderOf, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { resolvers } from "./resolvers";
import { createPasswordHasher } from "./services/passwords";
import { createSiblings } from "./siblings";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/**
 * Migrates the user database and serves the user subgraph; `stop` closes the server, Redis and the pool. Redis holds
 * only the signUp/logIn/refreshToken rate limits here: a fail-fast client, so a Redis outage makes the limits count in memory
 * (runtime rate-limit.ts) and never makes a sign-in wait. It is not part of /health, for the same reason.
 */
export function startUserSubgraph(config: ShopConfig) {
  const siblings = createSiblings(config);
  return startSubgraphService({
    name: "user",
    config,
    packageRoot,
    schema,
    resolvers,
    open: async (_database, log) => {
      const redis = connectRedis(config.redisUrl, { failFast: true, lazyConnect: true });
      redis.on("error", (error: Error) => log.debug({ err: error }, "rate limit connection error"));
      // Connected before the first request, or limits would count in memory until it is; a Redis that is down
      // does not stop the start (the client keeps reconnecting).
      await redis.connect().catch((error: unknown) => log.warn({ err: error }, "Redis unreachable: rate limits count in memory"));
      const limits = {
        loginPerAccountIp: createRateLimit(redis, config.rateLimits, "loginAccountIp"),
        loginPerIp: createRateLimit(redis, config.rateLimits, "loginIp"),
        signUpPerIp: createRateLimit(redis, config.rateLimits, "signUpIp"),
        refreshPerIp: createRateLimit(redis, config.rateLimits, "refreshIp"),
      };
      const passwords = createPasswordHasher({ logN: config.passwordScryptLogN, queueLimit: config.passwordHashQueueLimit });
      return { limits, passwords, close: () => closeRedis(redis) };
    },
    context: (base, { db }, { limits, passwords }) => ({ ...base, db, loaders: createLoaders(db), config, limits, passwords, siblings }),
  });
}
