import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { admin, useSubgraph } from "@shop/runtime/testing";
import { startProductSubgraph } from "../src/app";
import { products } from "../src/db/schema";
import { demoCatalog, productIdForSku, seedProducts, type DemoCatalog } from "../src/seed";
import { unique } from "./fixtures";

const catalog = useSubgraph(startProductSubgraph);

function smallCatalog(): DemoCatalog {
  const tag = unique();
  const sku = (n: number) => `SEED-${tag}-${n}`.toUpperCase();
  const product = (n: number, title: string) => ({
    id: productIdForSku(sku(n)),
    sku: sku(n),
    slug: `seed-${tag}-${n}`,
    title,
    description: "Seeded.",
    priceAmount: 999,
    currency: "USD",
    categorySlug: `seed-${tag}`,
    initialStock: 5,
  });
  return {
    categories: [{ slug: `seed-${tag}`, name: `Seeded ${tag}`, description: "For the seed test." }],
    products: [product(1, "Seeded Lamp"), product(2, "Seeded Mug")],
  };
}

describe("seedProducts", () => {
  it("inserts what is missing, then changes nothing, keeping an admin's edits", async () => {
    const seeded = smallCatalog();
    expect(await seedProducts(catalog.config, seeded)).toEqual({ categories: 1, products: 2 });
    const id = seeded.products[0]!.id;
    const edit = await catalog.call(
      `mutation($id: ID!) { updateProduct(id: $id, input: { title: "Edited by admin", priceAmount: 1 }) { id } }`,
      { id },
      admin(),
    );
    expect(edit.errors).toBeUndefined();
    const archive = await catalog.call(`mutation($id: ID!) { archiveProduct(id: $id) { id } }`, { id: seeded.products[1]!.id }, admin());
    expect(archive.errors).toBeUndefined();

    expect(await seedProducts(catalog.config, seeded)).toEqual({ categories: 0, products: 0 });
    const rows = await catalog.subgraph.database.db
      .select()
      .from(products)
      .where(
        inArray(
          products.sku,
          seeded.products.map((p) => p.sku),
        ),
      );
    expect(rows.map((row) => [row.id, row.title, row.priceAmount, row.status]).sort()).toEqual(
      [
        [id, "Edited by admin", 1, "ACTIVE"],
        [seeded.products[1]!.id, "Seeded Mug", 999, "ARCHIVED"],
      ].sort(),
    );
  });

  it("seeds the demo catalog with the ids other subgraphs derive from SKUs, idempotently", async () => {
    const seeded = demoCatalog();
    await seedProducts(catalog.config, seeded);
    expect(await seedProducts(catalog.config, seeded)).toEqual({ categories: 0, products: 0 });
    const pan = seeded.products[0]!;
    const [row] = await catalog.subgraph.database.db.select().from(products).where(eq(products.sku, pan.sku));
    expect(row).toMatchObject({ id: productIdForSku(pan.sku), slug: pan.slug, priceAmount: pan.priceAmount });
    const search = await catalog.call(
      `{ products(filter: { search: "waterproof", categorySlug: "outdoor" }, first: 100) { totalCount edges { node { title } } } }`,
    );
    const expected = seeded.products.filter((p) => p.categorySlug === "outdoor" && /waterproof/i.test(`${p.title} ${p.description}`));
    expect(search.data!.products.totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });
});
