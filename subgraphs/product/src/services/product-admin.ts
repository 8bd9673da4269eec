import { eq, like, or, sql } from "drizzle-orm";
import { badUserInput, notFound, parseId, parseInput, requireAdmin, type Viewer } from "@shop/runtime";
import type { ProductDatabase } from "../db/database";
import { categories, products } from "../db/schema";
import { productColumns, type ProductModel } from "../models";
import { createProductSchema, refuseNulls, updateProductSchema } from "./product-input";
import { firstFreeSlug, slugify } from "./slugs";

/** Concurrent creates may pick the same free slug; the unique index decides and the loser picks again. */
const SLUG_ATTEMPTS = 5;

async function categoryIdOf(db: ProductDatabase, slug: string): Promise<string> {
  const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
  if (!category) throw badUserInput("input.categorySlug", `no category has the slug "${slug.slice(0, 80)}"`);
  return category.id;
}

async function takenSlugs(db: ProductDatabase, base: string): Promise<string[]> {
  const rows = await db
    .select({ slug: products.slug })
    .from(products)
    .where(or(eq(products.slug, base), like(products.slug, `${base}-%`)));
  return rows.map((row) => row.slug);
}

/** ADMIN: adds an ACTIVE product with a unique slug derived from its title. */
export async function createProduct(db: ProductDatabase, viewer: Viewer | null, rawInput: unknown): Promise<ProductModel> {
  requireAdmin(viewer);
  const input = parseInput(createProductSchema, rawInput, "input");
  const categoryId = await categoryIdOf(db, input.categorySlug);
  const base = slugify(input.title);
  for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt += 1) {
    const slug = firstFreeSlug(base, await takenSlugs(db, base));
    const [created] = await db
      .insert(products)
      .values({
        sku: input.sku,
        slug,
        title: input.title,
        description: input.description,
        priceAmount: input.priceAmount,
        currency: input.currency,
        categoryId,
      })
      .onConflictDoNothing()
      .returning(productColumns);
    if (created) return created;
    const [clash] = await db.select({ id: products.id }).from(products).where(eq(products.sku, input.sku));
    if (clash) throw badUserInput("input.sku", `"${input.sku}" is already used by another product`);
  }
  throw new Error(`Could not find a free slug for "${base}" after ${SLUG_ATTEMPTS} attempts`);
}

/** ADMIN: changes only the given fields and bumps updated_at; the slug stays, so links keep working. */
export async function updateProduct(
  db: ProductDatabase,
  viewer: Viewer | null,
  id: string,
  rawInput: Record<string, unknown>,
): Promise<ProductModel> {
  requireAdmin(viewer);
  const productId = parseId(id, "id");
  refuseNulls(rawInput, "input");
  const { categorySlug, ...fields } = parseInput(updateProductSchema, rawInput, "input");
  const categoryId = categorySlug === undefined ? undefined : await categoryIdOf(db, categorySlug);
  const [updated] = await db
    .update(products)
    .set({ ...fields, ...(categoryId ? { categoryId } : {}), updatedAt: sql`now()` })
    .where(eq(products.id, productId))
    .returning(productColumns);
  if (!updated) throw notFound("Product", productId);
  return updated;
}

/** ADMIN: withdraws a product; archiving an archived product changes nothing (not even updated_at). */
export async function archiveProduct(db: ProductDatabase, viewer: Viewer | null, id: string): Promise<ProductModel> {
  requireAdmin(viewer);
  const productId = parseId(id, "id");
  const [archived] = await db
    .update(products)
    .set({ status: "ARCHIVED", updatedAt: sql`case when ${products.status} = 'ARCHIVED' then ${products.updatedAt} else now() end` })
    .where(eq(products.id, productId))
    .returning(productColumns);
  if (!archived) throw notFound("Product", productId);
  return archived;
}
