import { describe, expect, it } from "vitest";
import { admin, customer, useSubgraph } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import { placeOrders } from "./fixtures";

const orders = useSubgraph(startOrderSubgraph);

const ORDER_FIELDS = `id status total { amount currency } user { id }
  items { title quantity unitPrice { amount } lineTotal { amount } product { id } } timeline { status at note }`;
const MY_ORDERS = `query($first: Int) { myOrders(first: $first) { totalCount edges { node { ${ORDER_FIELDS} } } } }`;
const ORDER_REFERENCES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { ${ORDER_FIELDS} } } }`;
const USER_ORDERS = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on User { id orders(first: 2) { totalCount edges { node { id items { title } } } } } }
}`;

describe("statement counts", () => {
  it("serves a page of 20 orders with lines, timelines and totals in as many statements as a page of 2", async () => {
    const big = customer();
    const small = customer();
    await placeOrders(orders.subgraph, big.userId, 20, { lines: 3 });
    await placeOrders(orders.subgraph, small.userId, 2, { lines: 3 });

    const twenty = await orders.statementsDuring(() => orders.call(MY_ORDERS, { first: 20 }, big));
    const two = await orders.statementsDuring(() => orders.call(MY_ORDERS, { first: 20 }, small));

    expect(twenty.result.errors).toBeUndefined();
    const page = twenty.result.data!.myOrders;
    expect(page.totalCount).toBe(20);
    expect(page.edges).toHaveLength(20);
    for (const { node } of page.edges) {
      expect(node.items).toHaveLength(3);
      expect(node.timeline).toEqual([{ status: "PAID", at: expect.any(String), note: null }]);
      const sum = node.items.reduce((total: number, item: { lineTotal: { amount: number } }) => total + item.lineTotal.amount, 0);
      expect(node.total).toEqual({ amount: sum, currency: "USD" });
    }
    // The page, its COUNT, the lines of every order, the events of every order.
    expect(twenty.statements).toBe(4);
    expect(two.statements).toBe(twenty.statements);
  });

  it("skips the COUNT when totalCount is not selected", async () => {
    const viewer = customer();
    await placeOrders(orders.subgraph, viewer.userId, 2);
    const { statements } = await orders.statementsDuring(() => orders.call(`{ myOrders { edges { node { id } } } }`, {}, viewer));
    expect(statements).toBe(1);
  });

  it("resolves 15 Order references of different owners in a constant number of statements", async () => {
    const owners = Array.from({ length: 5 }, () => customer().userId);
    const placed = (await Promise.all(owners.map((userId) => placeOrders(orders.subgraph, userId, 3)))).flat();
    const references = placed.map((order) => ({ __typename: "Order", id: order.id }));

    const fifteen = await orders.statementsDuring(() => orders.call(ORDER_REFERENCES, { r: references }, admin()));
    const two = await orders.statementsDuring(() => orders.call(ORDER_REFERENCES, { r: references.slice(0, 2) }, admin()));

    expect(fifteen.result.errors).toBeUndefined();
    expect(fifteen.result.data!._entities.map((order: { id: string }) => order.id)).toEqual(placed.map((order) => order.id));
    expect(fifteen.statements).toBe(3);
    expect(two.statements).toBe(fifteen.statements);
  });

  it("pages the orders of many User references in one statement per kind", async () => {
    const owners = Array.from({ length: 6 }, () => customer().userId);
    await Promise.all(owners.map((userId, index) => placeOrders(orders.subgraph, userId, index % 3)));
    const references = owners.map((id) => ({ __typename: "User", id }));

    const six = await orders.statementsDuring(() => orders.call(USER_ORDERS, { r: references }, admin()));
    const one = await orders.statementsDuring(() => orders.call(USER_ORDERS, { r: references.slice(1, 2) }, admin()));

    expect(six.result.errors).toBeUndefined();
    const counts = six.result.data!._entities.map((user: { orders: { totalCount: number; edges: unknown[] } }) => [
      user.orders.totalCount,
      user.orders.edges.length,
    ]);
    expect(counts).toEqual(owners.map((_, index) => [index % 3, Math.min(index % 3, 2)]));
    // Pages, counts, lines.
    expect(six.statements).toBe(3);
    expect(one.statements).toBe(six.statements);
  });
});
