import { migrateDatabase, migrationsFolderOf, SUBGRAPHS, WORKERS, type ShopConfig } from "@shop/runtime";
import { seedDemoShop } from "../seed";

/**
 * Creates and migrates the databases (each subgraph's and each worker's), then seeds the demo shop. `repository` is the repository folder (each
 * subgraph's migrations are under it), which only the entry point can tell: a bundle gives every module in it the
 * bundle's URL, so a path found from this module's own would point elsewhere in `dist/prepare.js`.
 */
export async function prepareDatabases(config: ShopConfig, repository: URL): ReturnType<typeof seedDemoShop> {
  for (const name of SUBGRAPHS) {
    await migrateDatabase(config.subgraphs[name].databaseUrl, migrationsFolderOf(new URL(`subgraphs/${name}/`, repository)));
  }
  for (const name of WORKERS) {
    await migrateDatabase(config.workers[name].databaseUrl, migrationsFolderOf(new URL(`workers/${name}/`, repository)));
  }
  return seedDemoShop(config);
}
