import { callSubgraph, testConfig } from "@shop/runtime/testing";
import type { Viewer } from "@shop/runtime";
import { startProductSubgraph } from "../src/app";
import { categories, products } from "../src/db/schema";

export type ProductSubgraph = Awaited<ReturnType<typeof startProductSubgraph>>;

export const ADMIN: Viewer = { userId: "00000000-0000-4000-8000-00000000a0a0", role: "ADMIN" };
export const CUSTOMER: Viewer = { userId: "00000000-0000-4000-8000-00000000c0c0", role: "CUSTOMER" };

/** A suffix that makes this test's rows its own: files run in parallel against one database. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Starts the product subgraph on this run's database; returns a caller bound to it. */
export async function startFixture() {
  const config = testConfig();
  const subgraph = await startProductSubgraph(config);
  const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) =>
    callSubgraph<T>(config, subgraph.url, query, variables, viewer);
  return { config, subgraph, call };
}

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
  const [category] = await db.insert(categories).values({ slug: `cat-${tag}`, name: `Category ${tag}` }).returning();
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
