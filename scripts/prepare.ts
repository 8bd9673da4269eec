/**
 * Creates and migrates the five databases, then seeds the demo shop. Used by `npm start`, and on its own by
 * `npm run db:prepare` (docker-compose runs it once before the services start).
 */
import { fileURLToPath } from "node:url";
import { loadConfig, migrateDatabase, SUBGRAPHS, type ShopConfig } from "@shop/runtime";
import { seedDemoShop } from "./seed";

export async function prepareDatabases(config: ShopConfig): Promise<{ products: number }> {
  for (const name of SUBGRAPHS) {
    const { migrationsFolder } = (await import(`@shop/${name}`)) as { migrationsFolder: string };
    await migrateDatabase(config.subgraphs[name].databaseUrl, migrationsFolder);
  }
  return seedDemoShop(config);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { products } = await prepareDatabases(loadConfig());
  console.log(`Databases migrated; demo shop seeded (${products} products).`);
  process.exit(0);
}
