import { inArray } from "drizzle-orm";
import { connectDatabase, mulberry32, type ShopConfig } from "@shop/runtime";
import { categories, products, schema } from "./db/schema";
import { CLOSINGS, DEMO_CATEGORIES, OPENINGS } from "./demo-words";
import { firstFreeSlug, slugify } from "./services/slugs";
import { uuidV5 } from "./services/uuid-v5";

/** Namespace of product ids derived from SKUs; changing it would change every demo product's id. */
export const PRODUCT_ID_NAMESPACE = "9b2e8a44-3f5c-4d71-8a0e-5c1d7f3e6b20";

export interface DemoCatalog {
  categories: { slug: string; name: string; description: string }[];
  products: {
    id: string;
    sku: string;
    slug: string;
    title: string;
    description: string;
    priceAmount: number;
    currency: string;
    categorySlug: string;
    /** For the inventory seed: the on-hand stock the demo starts with. */
    initialStock: number;
  }[];
}

const PRODUCTS_PER_CATEGORY = 40;

/** The id a product with this SKU has in the demo catalog (and in any catalog seeded with these ids). */
export function productIdForSku(sku: string): string {
  return uuidV5(sku, PRODUCT_ID_NAMESPACE);
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)]!;

/** The demo catalog: 8 categories of 40 products each, generated from word lists; pure and deterministic. */
export function demoCatalog(): DemoCatalog {
  const r = mulberry32(20_260_101);
  const slugs = new Set<string>();
  const catalog: DemoCatalog = { categories: [], products: [] };
  for (const words of DEMO_CATEGORIES) {
    catalog.categories.push({ slug: words.slug, name: words.name, description: words.description });
    for (let i = 0; i < PRODUCTS_PER_CATEGORY; i += 1) {
      const noun = words.nouns[i % words.nouns.length]!;
      // Cycling qualities against nouns keeps every (quality, noun) title of a category distinct.
      const quality = words.qualities[(i + Math.floor(i / words.nouns.length)) % words.qualities.length]!;
      const title = `${quality} ${noun}`;
      const slug = firstFreeSlug(slugify(title), slugs);
      slugs.add(slug);
      const [first, second] = [pick(words.features, r), pick(words.features, r)];
      const features = first === second ? [first] : [first, second];
      const description = [
        pick(OPENINGS, r).replace("{title}", title).replace("{category}", words.name.toLowerCase()),
        `${features.map((feature) => feature[0]!.toUpperCase() + feature.slice(1)).join(". ")}.`,
        pick(CLOSINGS, r),
      ].join(" ");
      // Mostly affordable, a long tail of expensive items; always ends in .99.
      const dollars = 1 + Math.floor(r() ** 2 * 499);
      const sku = `${words.code}-${String(i + 1).padStart(3, "0")}`;
      // One sold-out product per category, so the storefront shows what "out of stock" looks like.
      const initialStock = i === 7 ? 0 : 1 + Math.floor(r() * 200);
      catalog.products.push({
        id: productIdForSku(sku),
        sku,
        slug,
        title,
        description,
        priceAmount: dollars * 100 + 99,
        currency: "USD",
        categorySlug: words.slug,
        initialStock,
      });
    }
  }
  return catalog;
}

/**
 * Idempotent: inserts the categories and products that are missing (by slug / id / sku) and leaves existing rows
 * alone, so re-running never undoes an admin's edits. Returns how many rows it inserted.
 */
export async function seedProducts(
  config: ShopConfig,
  catalog: DemoCatalog = demoCatalog(),
): Promise<{ categories: number; products: number }> {
  const { db, close } = connectDatabase(config.subgraphs.product.databaseUrl, schema, { max: 1 });
  try {
    return await db.transaction(async (tx) => {
      const insertedCategories = catalog.categories.length
        ? await tx.insert(categories).values(catalog.categories).onConflictDoNothing().returning({ id: categories.id })
        : [];
      const slugs = [...new Set(catalog.products.map((product) => product.categorySlug))];
      const known = slugs.length
        ? await tx.select({ id: categories.id, slug: categories.slug }).from(categories).where(inArray(categories.slug, slugs))
        : [];
      const categoryIds = new Map(known.map((category) => [category.slug, category.id]));
      const rows = catalog.products.map(({ initialStock: _stock, categorySlug, ...product }) => {
        const categoryId = categoryIds.get(categorySlug);
        if (!categoryId) throw new Error(`Product ${product.sku} names an unknown category "${categorySlug}"`);
        return { ...product, categoryId };
      });
      const insertedProducts = rows.length
        ? await tx.insert(products).values(rows).onConflictDoNothing().returning({ id: products.id })
        : [];
      return { categories: insertedCategories.length, products: insertedProducts.length };
    });
  } finally {
    await close();
  }
}
