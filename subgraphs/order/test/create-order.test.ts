import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { customer, useSubgraph } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import { orderEvents, orderItems, outbox, orders as orderTable } from "../src/db/schema";
import { MAX_AMOUNT } from "../src/services/money";
import { createOrder } from "../src/services/orders";
import { line } from "./fixtures";

const orders = useSubgraph(startOrderSubgraph);

async function ordersOf(userId: string) {
  const [row] = await orders.subgraph.database.db.select({ count: count() }).from(orderTable).where(eq(orderTable.userId, userId));
  return row!.count;
}

describe("createOrder", () => {
  it("writes the order, its lines and its first event together", async () => {
    const { userId } = customer();
    const lines = [line(1999, 2), line(500, 1)];
    const address = { name: "Ada", line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };
    const order = await createOrder(orders.subgraph.database.db, {
      userId,
      currency: "EUR",
      lines,
      shippingAddress: address,
      status: "PENDING_PAYMENT",
      note: "Waiting for the card",
    });
    expect(order).toMatchObject({
      userId,
      currency: "EUR",
      totalAmount: 4498,
      status: "PENDING_PAYMENT",
      trackingNumber: null,
      shippingAddress: address,
    });

    const { db } = orders.subgraph.database;
    const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(items.map(({ orderId: _, ...item }) => item).sort((a, b) => a.unitPriceAmount - b.unitPriceAmount)).toEqual(
      [...lines].sort((a, b) => a.unitPriceAmount - b.unitPriceAmount),
    );
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(events).toEqual([expect.objectContaining({ status: "PENDING_PAYMENT", note: "Waiting for the card", at: order.createdAt })]);
    // Like every status change, the first one is announced through the outbox in the same transaction.
    const announced = await db.select().from(outbox).where(eq(outbox.aggregateId, order.id));
    expect(announced.map((row) => row.payload)).toEqual([
      expect.objectContaining({ eventId: events[0]!.id, status: "PENDING_PAYMENT", userId }),
    ]);
  });

  it("rolls the order back when the database refuses a line", async () => {
    const { userId } = customer();
    const repeated = line(100, 1);
    // The order row is inserted first; the duplicate line then violates the (order_id, product_id) key.
    await expect(
      createOrder(orders.subgraph.database.db, {
        userId,
        currency: "USD",
        lines: [repeated, repeated],
        shippingAddress: null,
        status: "PAID",
      }),
    ).rejects.toMatchObject({ cause: { constraint_name: "order_items_order_id_product_id_pk" } });
    expect(await ordersOf(userId)).toBe(0);
  });

  it.each([
    ["a zero quantity", [line(100, 0)]],
    ["a negative price", [line(-1, 1)]],
    ["no lines", []],
    ["a total beyond the largest amount", [line(MAX_AMOUNT, 1), line(1, 1)]],
  ])("refuses %s and writes nothing", async (_, lines) => {
    const { userId } = customer();
    await expect(
      createOrder(orders.subgraph.database.db, { userId, currency: "USD", lines, shippingAddress: null, status: "PAID" }),
    ).rejects.toThrow(RangeError);
    expect(await ordersOf(userId)).toBe(0);
  });

  it("keeps bad rows out even when a write skips createOrder", async () => {
    const { db } = orders.subgraph.database;
    const [order] = await db
      .insert(orderTable)
      .values({ userId: customer().userId, status: "PAID", currency: "USD", totalAmount: 0 })
      .returning();
    await expect(db.insert(orderItems).values({ ...line(100, 0), orderId: order!.id })).rejects.toMatchObject({
      cause: { constraint_name: "order_items_quantity_positive" },
    });
    await expect(
      db.insert(orderTable).values({ userId: order!.userId, status: "PAID", currency: "usd", totalAmount: 1 }),
    ).rejects.toMatchObject({
      cause: { constraint_name: "orders_currency_iso" },
    });
    await expect(
      db.insert(orderTable).values({ userId: order!.userId, status: "PAID", currency: "USD", totalAmount: -1 }),
    ).rejects.toMatchObject({
      cause: { constraint_name: "orders_total_amount_non_negative" },
    });
  });
});
