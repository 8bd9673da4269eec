import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "graphql";
import {
  connectDatabase,
  connectRedis,
  createLogger,
  createSubgraphClient,
  migrateDatabase,
  startSubgraph,
  type ShopConfig,
} from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { resolvers } from "./resolvers";
import { rebuildCounters } from "./services/counters";

const typeDefs = parse(readFileSync(fileURLToPath(new URL("../schema.graphql", import.meta.url)), "utf8"));
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/**
 * Migrates the inventory database, rebuilds every Redis counter from PostgreSQL (the truth) and serves the inventory
 * subgraph; `stop` closes the server, the pool and the Redis client.
 */
export async function startInventorySubgraph(config: ShopConfig) {
  const endpoint = config.subgraphs.inventory;
  const log = createLogger("inventory", config.logLevel);
  await migrateDatabase(endpoint.databaseUrl, migrationsFolder);
  const database = connectDatabase(endpoint.databaseUrl, schema);
  const redis = connectRedis(config.redisUrl);
  const close = async () => {
    await database.close();
    await redis.quit().catch(() => redis.disconnect());
  };
  try {
    const counters = await rebuildCounters(database.db, redis);
    log.info({ counters }, "stock counters rebuilt from PostgreSQL");
    const products = createSubgraphClient({
      url: config.subgraphs.product.url,
      service: "inventory",
      internalTokenSecret: config.internalTokenSecret,
    });
    const server = await startSubgraph({
      name: "inventory",
      typeDefs,
      resolvers,
      port: endpoint.port,
      host: config.host,
      internalTokenSecret: config.internalTokenSecret,
      production: config.env === "production",
      log,
      createContext: (base) => ({ ...base, db: database.db, redis, products, loaders: createLoaders(database.db) }),
      health: async () => {
        await database.sql`select 1`;
        await redis.ping();
      },
    });
    return {
      url: server.url,
      database,
      redis,
      stop: async () => {
        await server.stop();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
