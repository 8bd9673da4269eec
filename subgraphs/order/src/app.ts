import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "graphql";
import { connectDatabase, createLogger, migrateDatabase, startSubgraph, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { resolvers } from "./resolvers";

const typeDefs = parse(readFileSync(fileURLToPath(new URL("../schema.graphql", import.meta.url)), "utf8"));
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/** Migrates the order database and serves the order subgraph; `stop` closes the server and the pool. */
export async function startOrderSubgraph(config: ShopConfig) {
  const endpoint = config.subgraphs.order;
  const log = createLogger("order", config.logLevel);
  await migrateDatabase(endpoint.databaseUrl, migrationsFolder);
  const database = connectDatabase(endpoint.databaseUrl, schema);
  const server = await startSubgraph({
    name: "order",
    typeDefs,
    resolvers,
    port: endpoint.port,
    host: config.host,
    internalTokenSecret: config.internalTokenSecret,
    production: config.env === "production",
    log,
    createContext: (base) => ({ ...base, db: database.db, loaders: createLoaders(database.db) }),
    health: async () => void (await database.sql`select 1`),
  });
  return {
    url: server.url,
    database,
    stop: async () => {
      await server.stop();
      await database.close();
    },
  };
}
