import { describe, expect, it } from "vitest";
import { encodeCursor } from "@shop/runtime";
import { customer, useSubgraph } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import { placeOrders } from "./fixtures";

const orders = useSubgraph(startOrderSubgraph);

const MY_ORDERS = `query($first: Int, $after: String) {
  myOrders(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id createdAt } } }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; createdAt: string } }[];
}

describe("myOrders pagination", () => {
  it("walks 7 orders three at a time, newest first, each exactly once", async () => {
    const viewer = customer();
    // Three orders share one instant, so the id tie-break has to keep the walk exact.
    const shared = new Date(Date.now() - 30 * 60_000);
    const placed = await placeOrders(orders.subgraph, viewer.userId, 7, {
      createdAt: (index) => (index >= 2 && index <= 4 ? shared : new Date(Date.now() - (7 - index) * 3600_000)),
    });
    const expected = [...placed]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((order) => order.id);

    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    do {
      const response = await orders.call(MY_ORDERS, { first: 3, after }, viewer);
      expect(response.errors).toBeUndefined();
      const page = response.data!.myOrders as Page;
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((edge) => edge.node.id));
      hasNext.push(page.pageInfo.hasNextPage);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);

    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(7);
    expect(hasNext).toEqual([true, true, false]);
  });

  it("answers an empty page for a customer without orders", async () => {
    const response = await orders.call(MY_ORDERS, { first: 5 }, customer());
    expect(response.data?.myOrders).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it.each([
    ["not a cursor at all", "%%%"],
    ["a cursor of another connection", encodeCursor({ slug: "lamp" })],
    ["a cursor with a malformed id", encodeCursor([new Date().toISOString(), "x' or 1=1 --"])],
  ])("refuses %s as after with BAD_USER_INPUT", async (_, after) => {
    const response = await orders.call(MY_ORDERS, { first: 3, after }, customer());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("refuses a page size outside 1..100, naming first", async () => {
    for (const first of [0, 101]) {
      const response = await orders.call(MY_ORDERS, { first }, customer());
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    }
  });
});
