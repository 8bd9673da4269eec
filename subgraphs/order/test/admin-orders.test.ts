import { describe, expect, it } from "vitest";
import { encodeCursor } from "@shop/runtime";
import { admin, customer, useSubgraph } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import type { OrderModel } from "../src/models";
import { placeOrders } from "./fixtures";

// Databases of its own: the feed lists every order in the database, so exact pages need no other file's orders.
const orders = useSubgraph(startOrderSubgraph, { isolated: { name: "adminorders" } });

const ORDERS = `query($status: OrderStatus, $first: Int, $after: String) {
  orders(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status user { id } } }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; status: string; user: { id: string } } }[];
}

const newestFirst = (placed: OrderModel[]) =>
  [...placed].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((order) => order.id);

/** Every page of the feed for `status`, `first` at a time. */
async function walk(status: string | null, first: number) {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const response = await orders.call(ORDERS, { status, first, after }, admin());
    expect(response.errors).toBeUndefined();
    const page = response.data!.orders as Page;
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return pages;
}

describe("Query.orders (ADMIN)", () => {
  it("lists every customer's orders newest first, a page at a time, with a status filter", async () => {
    const [ann, bob] = [customer(), customer()];
    // Interleaved in time across two customers and two statuses; two share an instant, so the id tie-break counts.
    const shared = new Date(Date.now() - 90 * 60_000);
    const placed = [
      ...(await placeOrders(orders.subgraph, ann.userId, 3, { createdAt: (n) => new Date(Date.now() - (2 * n + 1) * 3600_000) })),
      ...(await placeOrders(orders.subgraph, bob.userId, 2, {
        status: "SHIPPED",
        createdAt: (n) => (n === 0 ? shared : new Date(Date.now() - 2 * 3600_000)),
      })),
      ...(await placeOrders(orders.subgraph, ann.userId, 1, { status: "SHIPPED", createdAt: () => shared })),
    ];

    const pages = await walk(null, 4);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, false]);
    expect(pages.every((page) => page.totalCount === 6)).toBe(true);
    const nodes = pages.flatMap((page) => page.edges.map((edge) => edge.node));
    expect(nodes.map((node) => node.id)).toEqual(newestFirst(placed));
    expect(new Set(nodes.map((node) => node.user.id))).toEqual(new Set([ann.userId, bob.userId]));

    const shipped = await walk("SHIPPED", 2);
    expect(shipped.map((page) => page.totalCount)).toEqual([3, 3]);
    const shippedIds = shipped.flatMap((page) => page.edges.map((edge) => edge.node.id));
    expect(shippedIds).toEqual(newestFirst(placed.filter((order) => order.status === "SHIPPED")));
  });

  it("reads a page in one statement, however many fields ask for it", async () => {
    await placeOrders(orders.subgraph, customer().userId, 2);
    const twice = `{ a: orders(first: 2) { edges { node { id } } } b: orders(first: 2) { edges { node { id } } } }`;
    const { result, statements } = await orders.statementsDuring(() => orders.call(twice, {}, admin()));
    expect(result.errors).toBeUndefined();
    expect(result.data!.a).toEqual(result.data!.b);
    expect(statements).toBe(1);
  });

  it("is FORBIDDEN to a customer and UNAUTHENTICATED signed out", async () => {
    const asCustomer = await orders.call(ORDERS, { first: 5 }, customer());
    expect(asCustomer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(asCustomer.data).toBeNull();
    const signedOut = await orders.call(ORDERS, { first: 5 });
    expect(signedOut.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it.each([
    ["a page size of 0", { first: 0 }, "first"],
    ["a page size of 101", { first: 101 }, "first"],
    ["a cursor that is not one", { first: 5, after: "%%%" }, "after"],
    ["a cursor of another connection", { first: 5, after: encodeCursor({ slug: "lamp" }) }, "after"],
  ])("refuses %s with BAD_USER_INPUT naming the argument", async (_, variables, field) => {
    const response = await orders.call(ORDERS, variables, admin());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
