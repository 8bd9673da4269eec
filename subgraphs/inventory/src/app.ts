import { connectRedis, createSubgraphClient, migrationsFolderOf, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { resolvers } from "./resolvers";
import { rebuildCounters } from "./services/counters";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/**
 * Migrates the inventory database, rebuilds every Redis counter from PostgreSQL (the truth) and serves the inventory
 * subgraph; `stop` closes the server, the pool and the Redis client.
 */
export function startInventorySubgraph(config: ShopConfig) {
  return startSubgraphService({
    name: "inventory",
    config,
    packageRoot,
    schema,
    resolvers,
    open: async (database, log) => {
      const redis = connectRedis(config.redisUrl);
      const close = async () => void (await redis.quit().catch(() => redis.disconnect()));
      try {
        const counters = await rebuildCounters(database.db, redis);
        log.info({ counters }, "stock counters rebuilt from PostgreSQL");
      } catch (error) {
        await close();
        throw error;
      }
      const products = createSubgraphClient({ url: config.subgraphs.product.url, service: "inventory", internalTokenSecret: config.internalTokenSecret });
      return { redis, products, health: async () => void (await redis.ping()), close };
    },
    context: (base, { db }, { redis, products }) => ({ ...base, db, redis, products, loaders: createLoaders(db) }),
  });
}
