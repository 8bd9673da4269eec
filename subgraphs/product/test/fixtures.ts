import type { Started } from "@shop/runtime/testing";
import type { startProductSubgraph } from "../src/app";
import { categories, products } from "../src/db/schema";

// Data the product tests write and read straight in the product database, past GraphQL. Each helper takes the running
// subgraph (a harness's `.subgraph`); starting it, calling it and viewers are the shared harness's
// (@shop/runtime/testing).

export type ProductSubgraph = Started<typeof startProductSubgraph>;

/** A suffix that makes this test's rows its own: files run in parallel against one database. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export interface ProductSeed {
  title: string;
  description?: string;
  priceAmount?: number;
  status?: "ACTIVE" | "ARCHIVED";
}

/** Inserts a fresh category (random slug) and its products straight into the table: fast fixtures. */
export async function insertCategory(subgraph: ProductSubgraph, seeds: ProductSeed[] = []) {
  const { db } = subgraph.database;
  const tag = unique();
  const [category] = await db
    .insert(categories)
    .values({ slug: `cat-${tag}`, name: `Category ${tag}` })
    .returning();
  const rows = seeds.length
    ? await db
        .insert(products)
        .values(
          seeds.map((seed, i) => ({
            sku: `T-${tag}-${i}`.toUpperCase(),
            slug: `p-${tag}-${i}`,
            title: seed.title,
            description: seed.description ?? "",
            priceAmount: seed.priceAmount ?? 1000,
            categoryId: category!.id,
            status: seed.status ?? "ACTIVE",
          })),
        )
        .returning({ id: products.id, title: products.title, sku: products.sku, slug: products.slug })
    : [];
  return { category: category!, products: rows, tag };
}
