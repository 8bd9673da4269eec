import { migrationsFolderOf, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { resolvers } from "./resolvers";
import { createProductCatalog } from "./services/catalog";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/** Migrates the cart database and serves the cart subgraph; `stop` closes the server and the pool. */
export function startCartSubgraph(config: ShopConfig) {
  const products = createProductCatalog(config);
  return startSubgraphService({
    name: "cart",
    config,
    packageRoot,
    schema,
    resolvers,
    context: (base, { db }) => ({ ...base, db, loaders: createLoaders(db), products }),
  });
}
