import { describe, expect, it } from "vitest";
import { isUuid } from "@shop/runtime";
import { demoCatalog, productIdForSku } from "./seed";
import { SKU_PATTERN } from "./services/product-input";
import { slugify } from "./services/slugs";

const unique = (values: string[]) => new Set(values).size === values.length;

describe("demoCatalog", () => {
  const catalog = demoCatalog();

  it("is deterministic", () => {
    expect(demoCatalog()).toEqual(catalog);
    expect(catalog.products[0]!.id).toBe(productIdForSku(catalog.products[0]!.sku));
  });

  it("has about 8 categories and 320 products with unique ids, skus, slugs and titles", () => {
    expect(catalog.categories).toHaveLength(8);
    expect(catalog.products).toHaveLength(320);
    expect(unique(catalog.categories.map((c) => c.slug))).toBe(true);
    for (const key of ["id", "sku", "slug", "title"] as const) expect(unique(catalog.products.map((p) => p[key]))).toBe(true);
  });

  it("only holds values the schema accepts", () => {
    const slugs = new Set(catalog.categories.map((c) => c.slug));
    for (const product of catalog.products) {
      expect(isUuid(product.id) && product.id[14] === "5").toBe(true);
      expect(product.sku).toMatch(SKU_PATTERN);
      expect(product.slug).toBe(slugify(product.title));
      expect(product.priceAmount).toBeGreaterThanOrEqual(199);
      expect(product.priceAmount).toBeLessThanOrEqual(49_999);
      expect(Number.isInteger(product.priceAmount)).toBe(true);
      expect(product.initialStock).toBeGreaterThanOrEqual(0);
      expect(product.initialStock).toBeLessThanOrEqual(200);
      expect(slugs.has(product.categorySlug)).toBe(true);
      expect(product.description.length).toBeGreaterThan(40);
    }
  });

  it("varies prices and stock, with a few products sold out", () => {
    const soldOut = catalog.products.filter((p) => p.initialStock === 0).length;
    expect(soldOut).toBeGreaterThan(0);
    expect(soldOut).toBeLessThan(20);
    expect(new Set(catalog.products.map((p) => p.priceAmount)).size).toBeGreaterThan(100);
    expect(new Set(catalog.products.map((p) => p.description)).size).toBeGreaterThan(300);
  });
});
