import { describe, expect, it } from "vitest";
import { useSubgraph } from "@shop/runtime/testing";
import { startProductSubgraph } from "../src/app";
import { insertCategory } from "./fixtures";

const catalog = useSubgraph(startProductSubgraph);

const statements = async (query: string, variables: Record<string, unknown>) => {
  const { result: response, statements: count } = await catalog.statementsDuring(() => catalog.call(query, variables));
  expect(response.errors).toBeUndefined();
  return { count, data: response.data! };
};

describe("SQL statements per request (DataLoader batching)", () => {
  const PAGE = (withTotal: boolean) => `query($slug: String!, $first: Int!) {
    products(filter: { categorySlug: $slug }, first: $first) { ${withTotal ? "totalCount" : ""} edges { node { id category { name } } } }
  }`;

  it("costs the same for a page of 50 as for a page of 5, with and without totalCount", async () => {
    const { category } = await insertCategory(
      catalog.subgraph,
      Array.from({ length: 50 }, (_, i) => ({ title: `Bulk ${i}` })),
    );
    for (const withTotal of [false, true]) {
      const small = await statements(PAGE(withTotal), { slug: category.slug, first: 5 });
      const large = await statements(PAGE(withTotal), { slug: category.slug, first: 50 });
      expect(small.data.products.edges).toHaveLength(5);
      expect(large.data.products.edges).toHaveLength(50);
      expect(large.data.products.edges[49].node.category.name).toBe(category.name);
      expect(large.count).toBe(small.count);
      expect(large.count).toBe(withTotal ? 3 : 2);
    }
  });

  it("resolves 30 Product references with their categories in two statements; malformed ids are null", async () => {
    const first = await insertCategory(
      catalog.subgraph,
      Array.from({ length: 15 }, (_, i) => ({ title: `Ref A ${i}` })),
    );
    const second = await insertCategory(
      catalog.subgraph,
      Array.from({ length: 15 }, (_, i) => ({ title: `Ref B ${i}` })),
    );
    const ids = [...first.products, ...second.products].map((p) => p.id);
    const { count, data } = await statements(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id title category { slug } } } }`,
      { r: [...ids.map((id) => ({ __typename: "Product", id })), { __typename: "Product", id: "not-a-uuid" }] },
    );
    expect(data._entities.slice(0, 30).map((p: { id: string }) => p.id)).toEqual(ids);
    expect(data._entities[14].category.slug).toBe(first.category.slug);
    expect(data._entities[15].category.slug).toBe(second.category.slug);
    expect(data._entities[30]).toBeNull();
    expect(count).toBe(2);
  });

  it("batches Category.products pages and counts of several categories", async () => {
    const a = await insertCategory(catalog.subgraph, [{ title: "A3" }, { title: "A1" }, { title: "A2" }]);
    const b = await insertCategory(catalog.subgraph, [{ title: "B1" }, { title: "B2", status: "ARCHIVED" }]);
    const { count, data } = await statements(
      `query($a: ID!, $b: ID!) {
        a: product(id: $a) { category { products(first: 2) { totalCount pageInfo { hasNextPage } edges { node { title } } } } }
        b: product(id: $b) { category { products(first: 2) { totalCount pageInfo { hasNextPage } edges { node { title } } } } }
      }`,
      { a: a.products[0]!.id, b: b.products[0]!.id },
    );
    expect(data.a.category.products).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { title: "A1" } }, { node: { title: "A2" } }],
    });
    expect(data.b.category.products).toEqual({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { title: "B1" } }] });
    expect(count).toBe(4);
  });
});

describe("product, categories and Category.products", () => {
  const PRODUCT = `query($id: ID, $slug: String) { product(id: $id, slug: $slug) { id slug status category { slug } } }`;

  it("finds a product by id or slug, archived ones too; unknown is null", async () => {
    const { category, products } = await insertCategory(catalog.subgraph, [{ title: "Kept", status: "ARCHIVED" }]);
    const [product] = products;
    const expected = { id: product!.id, slug: product!.slug, status: "ARCHIVED", category: { slug: category.slug } };
    expect((await catalog.call(PRODUCT, { id: product!.id })).data!.product).toEqual(expected);
    expect((await catalog.call(PRODUCT, { id: product!.id.toUpperCase() })).data!.product).toEqual(expected);
    expect((await catalog.call(PRODUCT, { slug: product!.slug })).data!.product).toEqual(expected);
    expect((await catalog.call(PRODUCT, { id: "00000000-0000-4000-8000-000000000001" })).data!.product).toBeNull();
    expect((await catalog.call(PRODUCT, { slug: "no-such-slug-at-all" })).data!.product).toBeNull();
  });

  it("asks for exactly one of id and slug, and a well-formed id", async () => {
    const { products } = await insertCategory(catalog.subgraph, [{ title: "Either" }]);
    const before = catalog.subgraph.database.statements.count;
    for (const [variables, field] of [
      [{}, "id"],
      [{ id: products[0]!.id, slug: products[0]!.slug }, "slug"],
      [{ id: "42" }, "id"],
    ] as const) {
      const response = await catalog.call(PRODUCT, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(catalog.subgraph.database.statements.count - before).toBe(0);
  });

  it("lists categories by name and pages a category's active products by title", async () => {
    const { category, products } = await insertCategory(catalog.subgraph, [
      { title: "Zeta" },
      { title: "Alpha" },
      { title: "Mid", status: "ARCHIVED" },
      { title: "Beta" },
    ]);
    const response = await catalog.call(
      `{ categories { id slug name products(first: 2) { edges { node { title } } pageInfo { hasNextPage endCursor } } } }`,
    );
    const all = response.data!.categories as { slug: string; name: string; products: any }[];
    const names = all.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    const mine = all.find((c) => c.slug === category.slug)!;
    expect(mine.products.edges.map((e: any) => e.node.title)).toEqual(["Alpha", "Beta"]);
    const next = await catalog.call(
      `query($id: ID!, $after: String) { product(id: $id) { category { products(first: 2, after: $after) { edges { node { title } } pageInfo { hasNextPage } } } } }`,
      {
        id: products[0]!.id,
        after: mine.products.pageInfo.endCursor,
      },
    );
    expect(next.data!.product.category.products).toEqual({ edges: [{ node: { title: "Zeta" } }], pageInfo: { hasNextPage: false } });
  });
});
