import { closeRedis, connectRedis, migrationsFolderOf, responseCacheStore, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { INTERNAL_FIELDS } from "./internal-fields";
import { resolvers } from "./resolvers";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/**
 * Migrates the product database and serves the product subgraph; `stop` closes the server, the pool and Redis. Redis
 * is only for the shop's response cache, which every product write invalidates (RESPONSE_CACHE_ENABLED).
 */
export function startProductSubgraph(config: ShopConfig) {
  return startSubgraphService({
    name: "product",
    config,
    packageRoot,
    schema,
    resolvers,
    internalFields: INTERNAL_FIELDS,
    open: async () => {
      if (!config.responseCache.enabled) return { catalogueCache: null };
      const redis = connectRedis(config.redisUrl);
      return {
        catalogueCache: responseCacheStore(redis, config.responseCache.keyPrefix),
        health: async () => void (await redis.ping()),
        close: () => closeRedis(redis),
      };
    },
    context: (base, { db }, { catalogueCache }) => ({ ...base, db, loaders: createLoaders(db), catalogueCache }),
  });
}
