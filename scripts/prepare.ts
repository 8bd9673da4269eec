/**
 * `npm run db:prepare`, and the `prepare` service of the image (`dist/prepare.js`, run once before the services start
 * by docker-compose and by the Kubernetes Job): creates and migrates the five databases, then seeds the demo shop.
 * `npm start` does the same through `prepareDatabases`.
 */
import { loadConfig } from "@shop/runtime";
import { prepareDatabases } from "./lib/prepare";

// The repository folder, from scripts/prepare.ts and from its bundle dist/prepare.js alike.
const { products } = await prepareDatabases(loadConfig(), new URL("..", import.meta.url));
console.log(`Databases migrated; demo shop seeded (${products} products).`);
process.exit(0);
