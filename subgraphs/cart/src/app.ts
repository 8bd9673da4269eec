import { migrationsFolderOf, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { INTERNAL_FIELDS } from "./internal-fields";
import { resolvers } from "./resolvers";
import { createSiblings } from "./siblings";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/** Migrates the cart database and serves the cart subgraph; `stop` closes the server and the pool. */
export function startCartSubgraph(config: ShopConfig) {
  const siblings = createSiblings(config);
  return startSubgraphService({
    name: "cart",
    config,
    packageRoot,
    schema,
    resolvers,
    internalFields: INTERNAL_FIELDS,
    context: (base, { db }) => ({ ...base, db, loaders: createLoaders(db), siblings }),
  });
}
