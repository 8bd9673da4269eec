import { describe, expect, it } from "vitest";
import { admin, customer, useSubgraph } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import { placeOrders } from "./fixtures";

const orders = useSubgraph(startOrderSubgraph);

const ORDER = `query($id: ID!) { order(id: $id) { id status user { id } total { amount currency } items { title } } }`;
const USER_ORDERS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id orders(first: 5) { totalCount edges { node { id } } } } } }`;
const ORDER_REFERENCE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status } } }`;

describe("who may see an order", () => {
  it("shows the owner their order with its user, lines and total", async () => {
    const owner = customer();
    const [order] = await placeOrders(orders.subgraph, owner.userId, 1);
    const response = await orders.call(ORDER, { id: order!.id }, owner);
    expect(response.errors).toBeUndefined();
    expect(response.data?.order).toEqual({
      id: order!.id,
      status: "PAID",
      user: { id: owner.userId },
      total: { amount: order!.totalAmount, currency: "USD" },
      items: [expect.objectContaining({ title: expect.any(String) }), expect.objectContaining({ title: expect.any(String) })],
    });
  });

  it("answers another customer null for the order and FORBIDDEN for the owner's order list", async () => {
    const owner = customer();
    const stranger = customer();
    const [order] = await placeOrders(orders.subgraph, owner.userId, 1);

    const byId = await orders.call(ORDER, { id: order!.id }, stranger);
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.order).toBeNull();

    const list = await orders.call(USER_ORDERS, { r: [{ __typename: "User", id: owner.userId }] }, stranger);
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(list.data?._entities[0]).toBeNull();

    const reference = await orders.call(ORDER_REFERENCE, { r: [{ __typename: "Order", id: order!.id }] }, stranger);
    expect(reference.errors).toBeUndefined();
    expect(reference.data?._entities).toEqual([null]);
  });

  it("lets an ADMIN see any customer's order and order list", async () => {
    const owner = customer();
    const [order] = await placeOrders(orders.subgraph, owner.userId, 1);
    const staff = admin();

    expect((await orders.call(ORDER, { id: order!.id }, staff)).data?.order?.id).toBe(order!.id);
    const list = await orders.call(USER_ORDERS, { r: [{ __typename: "User", id: owner.userId }] }, staff);
    expect(list.errors).toBeUndefined();
    expect(list.data?._entities[0]).toEqual({ id: owner.userId, orders: { totalCount: 1, edges: [{ node: { id: order!.id } }] } });
    const reference = await orders.call(ORDER_REFERENCE, { r: [{ __typename: "Order", id: order!.id }] }, staff);
    expect(reference.data?._entities).toEqual([{ id: order!.id, status: "PAID" }]);
  });

  it("refuses anonymous callers with UNAUTHENTICATED and resolves no references for them", async () => {
    const owner = customer();
    const [order] = await placeOrders(orders.subgraph, owner.userId, 1);
    const byId = await orders.call(ORDER, { id: order!.id });
    expect(byId.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(byId.data?.order ?? null).toBeNull();
    const mine = await orders.call(`{ myOrders { totalCount } }`);
    expect(mine.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const reference = await orders.call(ORDER_REFERENCE, { r: [{ __typename: "Order", id: order!.id }] });
    expect(reference.data?._entities).toEqual([null]);
  });

  it("names the id argument for a malformed id and answers null for an unknown one", async () => {
    const viewer = customer();
    const malformed = await orders.call(ORDER, { id: "42; drop table orders" }, viewer);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const unknown = await orders.call(ORDER, { id: crypto.randomUUID() }, viewer);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.order).toBeNull();
    const malformedReference = await orders.call(ORDER_REFERENCE, { r: [{ __typename: "Order", id: "nope" }] }, admin());
    expect(malformedReference.errors).toBeUndefined();
    expect(malformedReference.data?._entities).toEqual([null]);
  });
});
