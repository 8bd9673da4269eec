import { closeRedis, connectRedis, createRateLimit, migrationsFolderOf, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { INTERNAL_FIELDS } from "./internal-fields";
import { resolvers } from "./resolvers";
import { startGuestCartSweeper } from "./services/guest-cart-sweeper";
import { loadCartSettings, type CartSettings } from "./settings";
import { createSiblings } from "./siblings";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/**
 * Migrates the cart database and serves the cart subgraph, with the guest cart sweeper running; `stop` closes the
 * server, the sweeper, Redis and the pool. Redis holds only the limit on new guest carts: a fail-fast client, so a
 * Redis outage makes it count in memory (runtime rate-limit.ts) and never makes a request wait.
 * `sweepGuestCarts` runs the sweeper once, for tests and operators.
 */
export function startCartSubgraph(config: ShopConfig, settings: CartSettings = loadCartSettings()) {
  const siblings = createSiblings(config);
  return startSubgraphService({
    name: "cart",
    config,
    packageRoot,
    schema,
    resolvers,
    internalFields: INTERNAL_FIELDS,
    open: async ({ db }, log) => {
      const redis = connectRedis(config.redisUrl, { failFast: true, lazyConnect: true });
      redis.on("error", (error: Error) => log.debug({ err: error }, "rate limit connection error"));
      await redis.connect().catch((error: unknown) => log.warn({ err: error }, "Redis unreachable: rate limits count in memory"));
      const limits = { guestCartsPerIp: createRateLimit(redis, config.rateLimits, "guestCartIp") };
      const sweeper = startGuestCartSweeper(db, settings, log);
      return {
        limits,
        sweepGuestCarts: sweeper.sweepOnce,
        close: async () => {
          await sweeper.stop();
          await closeRedis(redis);
        },
      };
    },
    context: (base, { db }, { limits }) => ({
      ...base,
      db,
      loaders: createLoaders(db),
      siblings,
      internalKeys: config.internalKeys,
      settings,
      limits,
    }),
  });
}
