import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { admin, customer, useSubgraph } from "@shop/runtime/testing";
import { startProductSubgraph } from "../src/app";
import { products } from "../src/db/schema";
import { insertCategory } from "./fixtures";

const catalog = useSubgraph(startProductSubgraph);

const FIELDS = `id sku slug title description price { amount currency } status category { slug } createdAt updatedAt`;
const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ${FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveProduct(id: $id) { ${FIELDS} } }`;

const rowBySku = async (sku: string) => (await catalog.subgraph.database.db.select().from(products).where(eq(products.sku, sku)))[0];
const rowById = async (id: string) => (await catalog.subgraph.database.db.select().from(products).where(eq(products.id, id)))[0]!;

async function create(input: Record<string, unknown>) {
  const response = await catalog.call(CREATE, { input }, admin());
  expect(response.errors).toBeUndefined();
  return response.data!.createProduct;
}

describe("createProduct", () => {
  it("creates an ACTIVE product with a normalized sku, a slug from the title and USD by default", async () => {
    const { category, tag } = await insertCategory(catalog.subgraph);
    const product = await create({ sku: `  kt-${tag} `, title: ` Crème Kettle ${tag} `, priceAmount: 2499, categorySlug: category.slug });
    expect(product).toMatchObject({
      sku: `KT-${tag}`.toUpperCase(),
      slug: `creme-kettle-${tag}`,
      title: `Crème Kettle ${tag}`,
      description: "",
      price: { amount: 2499, currency: "USD" },
      status: "ACTIVE",
      category: { slug: category.slug },
    });
    expect(await rowBySku(product.sku)).toMatchObject({ id: product.id, priceAmount: 2499 });
  });

  it("suffixes the slug -2, -3 for repeated titles, also when created concurrently", async () => {
    const { category, tag } = await insertCategory(catalog.subgraph);
    const title = `Same Name ${tag}`;
    const first = await create({ sku: `A-${tag}`, title, priceAmount: 1, categorySlug: category.slug });
    const racing = await Promise.all(
      ["B", "C", "D"].map((letter) => create({ sku: `${letter}-${tag}`, title, priceAmount: 1, categorySlug: category.slug })),
    );
    const base = `same-name-${tag}`;
    expect(first.slug).toBe(base);
    expect(racing.map((p: { slug: string }) => p.slug).sort()).toEqual([`${base}-2`, `${base}-3`, `${base}-4`]);
  });

  it("refuses a duplicate sku (case-insensitively) naming input.sku", async () => {
    const { category, tag } = await insertCategory(catalog.subgraph);
    await create({ sku: `DUP-${tag}`, title: "Original", priceAmount: 100, categorySlug: category.slug });
    const again = await catalog.call(
      CREATE,
      { input: { sku: `dup-${tag}`, title: `Copy ${tag}`, priceAmount: 100, categorySlug: category.slug } },
      admin(),
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sku" });
    expect((await rowBySku(`DUP-${tag}`.toUpperCase()))!.title).toBe("Original");
  });

  it.each([
    ["a one-character sku", { sku: "A" }, "input.sku"],
    ["a sku starting with a dash", { sku: "-LEADING-DASH" }, "input.sku"],
    ["a sku with a space", { sku: "HAS SPACE" }, "input.sku"],
    ["a 41-character sku", { sku: `X${"1".repeat(40)}` }, "input.sku"],
    ["a blank title", { title: "   " }, "input.title"],
    ["a 201-character title", { title: "t".repeat(201) }, "input.title"],
    ["a 5001-character description", { description: "d".repeat(5001) }, "input.description"],
    ["a negative price", { priceAmount: -1 }, "input.priceAmount"],
    ["a price above 100000000", { priceAmount: 100_000_001 }, "input.priceAmount"],
    ["a two-letter currency", { currency: "US" }, "input.currency"],
    ["a currency with a digit", { currency: "US1" }, "input.currency"],
    ["an unknown category", { categorySlug: "no-such-category" }, "input.categorySlug"],
  ])("refuses %s naming %s and writes nothing", async (_label, override, field) => {
    const { category, tag } = await insertCategory(catalog.subgraph);
    const sku = `V-${tag}`.toUpperCase();
    const input = { sku, title: "Valid", priceAmount: 100, categorySlug: category.slug, ...override };
    const response = await catalog.call(CREATE, { input }, admin());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    const written = await catalog.subgraph.database.db.select().from(products).where(eq(products.categoryId, category.id));
    expect(written).toHaveLength(0);
  });

  it("accepts the boundaries: 200-character title, 5000-character description, price 0 and 100000000", async () => {
    const { category, tag } = await insertCategory(catalog.subgraph);
    const low = await create({
      sku: `L-${tag}`,
      title: "t".repeat(200),
      description: "d".repeat(5000),
      priceAmount: 0,
      categorySlug: category.slug,
      currency: "eur",
    });
    const high = await create({ sku: `H-${tag}`, title: `High ${tag}`, priceAmount: 100_000_000, categorySlug: category.slug });
    expect(low.price).toEqual({ amount: 0, currency: "EUR" });
    expect(high.price.amount).toBe(100_000_000);
  });

  it("refuses customers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED) without writing", async () => {
    const { category, tag } = await insertCategory(catalog.subgraph);
    const input = { sku: `NO-${tag}`, title: "Nope", priceAmount: 1, categorySlug: category.slug };
    const asCustomer = await catalog.call(CREATE, { input }, customer());
    expect(asCustomer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await catalog.call(CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await rowBySku(`NO-${tag}`.toUpperCase())).toBeUndefined();
  });
});

describe("updateProduct and archiveProduct", () => {
  async function fresh() {
    const { category, tag } = await insertCategory(catalog.subgraph);
    const other = await insertCategory(catalog.subgraph);
    const product = await create({
      sku: `U-${tag}`,
      title: `Before ${tag}`,
      description: "Old words",
      priceAmount: 1000,
      categorySlug: category.slug,
    });
    return { product, category, other: other.category, tag };
  }

  it("changes only the given fields, keeps the slug and bumps updatedAt", async () => {
    const { product, other, tag } = await fresh();
    const response = await catalog.call(
      UPDATE,
      { id: product.id, input: { title: `Renamed ${tag}`, priceAmount: 1500, categorySlug: other.slug } },
      admin(),
    );
    expect(response.errors).toBeUndefined();
    const updated = response.data!.updateProduct;
    expect(updated).toMatchObject({
      title: `Renamed ${tag}`,
      slug: product.slug,
      description: "Old words",
      price: { amount: 1500, currency: "USD" },
      category: { slug: other.slug },
    });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(product.updatedAt).getTime());
    expect(updated.createdAt).toBe(product.createdAt);
    const search = await catalog.call(
      `query($s: String!, $c: String!) { products(filter: { search: $s, categorySlug: $c }) { totalCount } }`,
      { s: "renaming", c: other.slug },
    );
    expect(search.data!.products.totalCount).toBe(1);
  });

  it.each([
    [{ title: null }, "input.title"],
    [{ priceAmount: null }, "input.priceAmount"],
    [{ description: null }, "input.description"],
    [{ priceAmount: -5 }, "input.priceAmount"],
    [{ currency: "euro" }, "input.currency"],
    [{ title: "" }, "input.title"],
    [{ categorySlug: "missing-category" }, "input.categorySlug"],
  ])("refuses %j naming %s and changes nothing", async (input, field) => {
    const { product } = await fresh();
    const before = await rowById(product.id);
    const response = await catalog.call(UPDATE, { id: product.id, input }, admin());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await rowById(product.id)).toEqual(before);
  });

  it("answers NOT_FOUND for unknown ids and BAD_USER_INPUT for malformed ones", async () => {
    const unknown = "00000000-0000-4000-8000-00000000dead";
    for (const [query, variables] of [
      [UPDATE, { id: unknown, input: { title: "x" } }],
      [ARCHIVE, { id: unknown }],
    ] as const) {
      expect((await catalog.call(query, variables, admin())).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const malformed = await catalog.call(ARCHIVE, { id: "123" }, admin());
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("archives idempotently: gone from listings, still readable by id", async () => {
    const { product, category } = await fresh();
    const first = (await catalog.call(ARCHIVE, { id: product.id }, admin())).data!.archiveProduct;
    const second = (await catalog.call(ARCHIVE, { id: product.id }, admin())).data!.archiveProduct;
    expect(first.status).toBe("ARCHIVED");
    expect(second).toEqual(first);
    const listed = await catalog.call(
      `query($c: String!) { products(filter: { categorySlug: $c }) { totalCount edges { node { id } } } }`,
      { c: category.slug },
    );
    expect(listed.data!.products).toEqual({ totalCount: 0, edges: [] });
    const byId = await catalog.call(`query($id: ID!) { product(id: $id) { id status } }`, { id: product.id });
    expect(byId.data!.product).toEqual({ id: product.id, status: "ARCHIVED" });
  });

  it("refuses customers and anonymous callers on update and archive without changing the row", async () => {
    const { product } = await fresh();
    const before = await rowById(product.id);
    for (const [viewer, code] of [
      [customer(), "FORBIDDEN"],
      [null, "UNAUTHENTICATED"],
    ] as const) {
      const update = await catalog.call(UPDATE, { id: product.id, input: { priceAmount: 1 } }, viewer);
      expect(update.errors?.[0]?.extensions?.code).toBe(code);
      const archive = await catalog.call(ARCHIVE, { id: product.id }, viewer);
      expect(archive.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await rowById(product.id)).toEqual(before);
  });
});
