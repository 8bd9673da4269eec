/**
 * Creates and migrates the five databases, then seeds the demo shop. Used by `npm start`, and on its own by
 * `npm run db:prepare` (docker-compose runs its compiled form, dist/prepare.js, once before the services start).
 */
import { fileURLToPath } from "node:url";
import { loadConfig, migrateDatabase, migrationsFolderOf, SUBGRAPHS, type ShopConfig } from "@shop/runtime";
import { seedDemoShop } from "./seed";

/** The repository folder, from scripts/prepare.ts and from its bundle dist/prepare.js alike. */
const root = new URL("..", import.meta.url);

export async function prepareDatabases(config: ShopConfig): Promise<{ products: number }> {
  for (const name of SUBGRAPHS) {
    await migrateDatabase(config.subgraphs[name].databaseUrl, migrationsFolderOf(new URL(`subgraphs/${name}/`, root)));
  }
  return seedDemoShop(config);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { products } = await prepareDatabases(loadConfig());
  console.log(`Databases migrated; demo shop seeded (${products} products).`);
  process.exit(0);
}
