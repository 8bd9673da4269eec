import { closeRedis, connectRedis, migrationsFolderOf, startSubgraphService, waitBriefly, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { INTERNAL_FIELDS } from "./internal-fields";
import { resolvers } from "./resolvers";
import { createStockEngine } from "./services/stock/engine";
import { startStockJobs } from "./services/jobs";
import { observeInventory } from "./services/metrics";
import { checkInvariant } from "./services/stock/resync";
import { stockChangedChannel } from "./services/stock/stock-events";
import { startStockHub } from "./subscriptions/stock-hub";
import { sweep } from "./services/reservations/sweeper";
import { loadInventorySettings, type InventorySettings } from "./settings";
import { createSiblings } from "./siblings";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/** Start-up resync attempts before giving up the wait (a missing `ready` then makes the first script resync). */
const START_RESYNC_ATTEMPTS = 5;

/**
 * Migrates the inventory database, resyncs Redis from PostgreSQL (the truth), starts the reservation sweeper and
 * the reconciler, and serves the inventory subgraph; `stop` closes the server, the jobs, the pool and Redis.
 * `sweep`, `resync` and `checkInvariant` are exposed for tests and operators. `settings` (job intervals, default
 * hold, stock key prefix) default to the environment's, validated.
 */
export function startInventorySubgraph(config: ShopConfig, settings: InventorySettings = loadInventorySettings()) {
  return startSubgraphService({
    name: "inventory",
    config,
    packageRoot,
    schema,
    resolvers,
    internalFields: INTERNAL_FIELDS,
    open: async (database, log) => {
      const redis = connectRedis(config.redisUrl, { keyPrefix: settings.stockKeyPrefix });
      const quit = () => closeRedis(redis);
      const channel = stockChangedChannel(settings.stockKeyPrefix);
      const stock = createStockEngine(database.db, redis, log, settings.defaultHoldTtlSeconds, channel);
      try {
        let outcome = await stock.resync();
        for (let attempt = 1; outcome === "BUSY" && attempt < START_RESYNC_ATTEMPTS; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
          outcome = await stock.resync();
        }
        if (outcome === "BUSY") log.warn("stock resync stayed BUSY at start; the reconciler and scripts will retry");
      } catch (error) {
        await quit();
        throw error;
      }
      const jobs = startStockJobs(stock, settings);
      const unobserve = observeInventory(database);
      const siblings = createSiblings(config);
      // One Redis subscriber per process feeds every live stock subscription (graphql-ws) this process serves.
      const hub = startStockHub({ redisUrl: config.redisUrl, channel, db: database.db, intervalMs: settings.stockUpdateIntervalMs, log });
      await waitBriefly(hub.ready, 5000);
      return {
        redis,
        stock,
        siblings,
        live: { hub, db: database.db, siblings },
        sweep: () => sweep(stock),
        resync: () => stock.resync(),
        checkInvariant: (productIds?: readonly string[]) => checkInvariant(database.db, redis, productIds),
        health: async () => void (await redis.ping()),
        close: async () => {
          unobserve();
          await jobs.stop();
          await hub.close();
          await quit();
        },
      };
    },
    context: (base, { db }, { redis, stock, siblings, live }) => ({
      ...base,
      db,
      redis,
      stock,
      siblings,
      live,
      loaders: createLoaders(db),
    }),
    subscriptions: true,
  });
}
