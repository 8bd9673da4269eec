import { describe, expect, it } from "vitest";
import { encodeCursor } from "@shop/runtime";
import { useSubgraph } from "@shop/runtime/testing";
import { startProductSubgraph } from "../src/app";
import { insertCategory } from "./fixtures";

const catalog = useSubgraph(startProductSubgraph);

const PRODUCTS = `query($filter: ProductFilter, $first: Int, $after: String) {
  products(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title price { amount currency } } }
  }
}`;

async function page(filter: Record<string, unknown>, first?: number, after?: string | null) {
  const response = await catalog.call(PRODUCTS, { filter, first, after });
  expect(response.errors).toBeUndefined();
  return response.data!.products as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; title: string; price: { amount: number } } }[];
  };
}

async function walk(filter: Record<string, unknown>, first: number) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages += 1) {
    const current = await page(filter, first, after);
    seen.push(...current.edges.map((edge) => edge.node.id));
    if (!current.pageInfo.hasNextPage) return { seen, pages: pages + 1, last: current };
    after = current.pageInfo.endCursor;
  }
  throw new Error("pagination did not end");
}

describe("products: pagination", () => {
  it("walks a category of 23 products 5 at a time, each exactly once in (title, id) order", async () => {
    const titles = Array.from({ length: 20 }, (_, i) => `Widget ${String(i).padStart(2, "0")}`);
    titles.push("Widget 07", "Widget 07", "Widget 13");
    const { category, products } = await insertCategory(catalog.subgraph, [
      ...titles.map((title) => ({ title })),
      { title: "Widget 99 archived", status: "ARCHIVED" as const },
    ]);
    const expected = products
      .filter((p) => !p.title.includes("archived"))
      .sort((a, b) => (a.title === b.title ? (a.id < b.id ? -1 : 1) : a.title < b.title ? -1 : 1))
      .map((p) => p.id);
    const { seen, pages, last } = await walk({ categorySlug: category.slug }, 5);
    expect(seen).toEqual(expected);
    expect(pages).toBe(5);
    expect(last.edges).toHaveLength(3);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.totalCount).toBe(23);
  });

  it("refuses bad cursors and page sizes naming the argument", async () => {
    const { category } = await insertCategory(catalog.subgraph, [{ title: "Only one" }]);
    const filter = { categorySlug: category.slug };
    for (const after of [
      "%%%not-a-cursor",
      encodeCursor({ x: 1 }),
      encodeCursor(["title", "not-a-uuid"]),
      encodeCursor([0.5, category.id]),
    ]) {
      const response = await catalog.call(PRODUCTS, { filter, first: 5, after });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    const titleCursor = encodeCursor(["Only one", category.id]);
    const searching = await catalog.call(PRODUCTS, { filter: { ...filter, search: "only" }, after: titleCursor });
    expect(searching.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    for (const first of [0, 101, -1]) {
      const response = await catalog.call(PRODUCTS, { filter, first });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    }
  });

  it("answers an empty page for an unknown category slug", async () => {
    const empty = await page({ categorySlug: "no-such-category-anywhere" }, 10);
    expect(empty).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });
});

describe("products: price range", () => {
  it("filters by inclusive bounds", async () => {
    const { category } = await insertCategory(
      catalog.subgraph,
      [100, 500, 1000, 5000].map((priceAmount) => ({ title: `Item ${priceAmount}`, priceAmount })),
    );
    const prices = async (bounds: Record<string, number>) =>
      (await page({ categorySlug: category.slug, ...bounds })).edges.map((edge) => edge.node.price.amount).sort((a, b) => a - b);
    expect(await prices({ minPrice: 500, maxPrice: 1000 })).toEqual([500, 1000]);
    expect(await prices({ minPrice: 1000 })).toEqual([1000, 5000]);
    expect(await prices({ maxPrice: 499 })).toEqual([100]);
    expect(await prices({ minPrice: 5000, maxPrice: 5000 })).toEqual([5000]);
    expect((await page({ categorySlug: category.slug, minPrice: 500 })).totalCount).toBe(3);
  });

  it.each([
    [{ minPrice: -1 }, "filter.minPrice"],
    [{ maxPrice: -5 }, "filter.maxPrice"],
    [{ minPrice: 10, maxPrice: 9 }, "filter.maxPrice"],
  ])("refuses %j naming %s", async (filter, field) => {
    const response = await catalog.call(PRODUCTS, { filter });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});

describe("products: full-text search", () => {
  it("matches English stems, not just exact words", async () => {
    const { category, products } = await insertCategory(catalog.subgraph, [
      { title: "Folding Camp Chairs", description: "Two seats for the garden." },
      { title: "Garden Hose", description: "Twenty metres." },
    ]);
    const ids = async (search: string) => (await page({ categorySlug: category.slug, search })).edges.map((edge) => edge.node.id);
    expect(await ids("chair")).toEqual([products[0]!.id]);
    expect(await ids("folded chair")).toEqual([products[0]!.id]);
    expect(await ids("seat")).toEqual([products[0]!.id]);
    expect(await ids("hoses")).toEqual([products[1]!.id]);
    expect(await ids("gardening")).toHaveLength(2);
    expect(await ids("garden -hose")).toEqual([products[0]!.id]);
    expect(await ids("kettle")).toEqual([]);
  });

  it("ranks title matches before description-only matches", async () => {
    const { category, products } = await insertCategory(catalog.subgraph, [
      { title: "A Stove Top Ring", description: "Works with any kettle or pan." },
      { title: "Unrelated Mug", description: "Ceramic." },
      { title: "Copper Kettle", description: "For tea." },
    ]);
    const result = await page({ categorySlug: category.slug, search: "kettle" });
    expect(result.edges.map((edge) => edge.node.id)).toEqual([products[2]!.id, products[0]!.id]);
    expect(result.totalCount).toBe(2);
  });

  it("pages through equally ranked results by id, each once; a blank search lists by title", async () => {
    const { category, products } = await insertCategory(catalog.subgraph, [
      ...Array.from({ length: 5 }, (_, i) => ({ title: `Desk Lamp ${"Z".repeat(i + 1)}` })),
      { title: "Desk", description: "A lamp is not included." },
      { title: "Chair" },
    ]);
    const { seen, pages, last } = await walk({ categorySlug: category.slug, search: "lamp" }, 2);
    const titleMatches = products
      .slice(0, 5)
      .map((p) => p.id)
      .sort();
    expect(seen).toEqual([...titleMatches, products[5]!.id]);
    expect(pages).toBe(3);
    expect(last.totalCount).toBe(6);
    const blank = await page({ categorySlug: category.slug, search: "   " });
    expect(blank.totalCount).toBe(7);
    expect(blank.edges[0]!.node.title).toBe("Chair");
  });
});

describe("products: statements prepared per filter shape", () => {
  it("answers interleaved walks of different filters and values as each would alone", async () => {
    const a = await insertCategory(
      catalog.subgraph,
      Array.from({ length: 7 }, (_, i) => ({ title: `Anvil ${i}`, priceAmount: 100 * (i + 1) })),
    );
    const b = await insertCategory(
      catalog.subgraph,
      Array.from({ length: 5 }, (_, i) => ({ title: `Bellows ${i}`, description: "anvil companion", priceAmount: 100 * (i + 1) })),
    );
    const filters = [
      { categorySlug: a.category.slug },
      { categorySlug: b.category.slug },
      { categorySlug: a.category.slug, minPrice: 300 },
      { categorySlug: b.category.slug, minPrice: 200, maxPrice: 400 },
      { categorySlug: b.category.slug, search: "anvil" },
      { categorySlug: a.category.slug, search: "anvil" },
    ];
    const alone = [];
    for (const filter of filters) alone.push(await walk(filter, 2));
    const cursors: (string | null)[] = filters.map(() => null);
    const interleaved: string[][] = filters.map(() => []);
    for (let round = 0; round < 4; round += 1) {
      for (const [i, filter] of filters.entries()) {
        if (round > 0 && cursors[i] === null) continue;
        const current = await page(filter, 2, cursors[i]);
        interleaved[i]!.push(...current.edges.map((edge) => edge.node.id));
        cursors[i] = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
        expect(current.totalCount).toBe(alone[i]!.last.totalCount);
      }
    }
    expect(interleaved).toEqual(alone.map((walked) => walked.seen));
    expect(alone.map((walked) => walked.seen.length)).toEqual([7, 5, 5, 3, 5, 7]);
  });
});
