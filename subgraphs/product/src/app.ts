import { migrationsFolderOf, startSubgraphService, type ShopConfig } from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { INTERNAL_FIELDS } from "./internal-fields";
import { resolvers } from "./resolvers";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/** Migrates the product database and serves the product subgraph; `stop` closes the server and the pool. */
export function startProductSubgraph(config: ShopConfig) {
  return startSubgraphService({
    name: "product",
    config,
    packageRoot,
    schema,
    resolvers,
    internalFields: INTERNAL_FIELDS,
    context: (base, { db }) => ({ ...base, db, loaders: createLoaders(db) }),
  });
}
