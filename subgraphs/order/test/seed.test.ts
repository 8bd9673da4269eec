import { describe, expect, it } from "vitest";
import { customer, useSubgraph } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import { seedOrders } from "../src/seed";

const orders = useSubgraph(startOrderSubgraph);

const products = Array.from({ length: 5 }, (_, index) => ({
  id: crypto.randomUUID(),
  title: `Seed product ${index}`,
  priceAmount: 1000 * (index + 1),
  currency: "USD",
}));

const MY_ORDERS = `{ myOrders { totalCount edges { node { status trackingNumber createdAt updatedAt total { amount } items { quantity }
  timeline { status at note } } } } }`;

describe("seedOrders", () => {
  it("gives a customer three past orders once, however often and concurrently it runs", async () => {
    const viewer = customer();
    const runs = await Promise.all([
      seedOrders(orders.config, { customerId: viewer.userId, products }),
      seedOrders(orders.config, { customerId: viewer.userId, products }),
    ]);
    expect(runs.map((run) => run.created).sort()).toEqual([0, 3]);
    expect(await seedOrders(orders.config, { customerId: viewer.userId, products })).toEqual({ created: 0 });

    const response = await orders.call(MY_ORDERS, {}, viewer);
    expect(response.errors).toBeUndefined();
    const page = response.data!.myOrders;
    expect(page.totalCount).toBe(3);
    const byStatus = Object.fromEntries(page.edges.map(({ node }: { node: { status: string } }) => [node.status, node]));
    expect(Object.keys(byStatus).sort()).toEqual(["CANCELLED", "DELIVERED", "SHIPPED"]);

    const statuses = (status: string) => byStatus[status].timeline.map((event: { status: string }) => event.status);
    expect(statuses("DELIVERED")).toEqual(["PENDING_PAYMENT", "PAID", "PACKED", "SHIPPED", "DELIVERED"]);
    expect(statuses("SHIPPED")).toEqual(["PENDING_PAYMENT", "PAID", "PACKED", "SHIPPED"]);
    expect(statuses("CANCELLED")).toEqual(["PENDING_PAYMENT", "CANCELLED"]);
    expect(byStatus.CANCELLED.timeline[1].note).toMatch(/declined/);
    expect(byStatus.DELIVERED.trackingNumber).toBeTruthy();
    expect(byStatus.SHIPPED.trackingNumber).toBeTruthy();
    expect(byStatus.CANCELLED.trackingNumber).toBeNull();

    for (const { node } of page.edges) {
      const times = node.timeline.map((event: { at: string }) => Date.parse(event.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBeLessThan(Date.now());
      expect(Date.parse(node.updatedAt)).toBe(times.at(-1));
      expect(node.total.amount).toBeGreaterThan(0);
    }
  });

  it("creates nothing without products", async () => {
    expect(await seedOrders(orders.config, { customerId: customer().userId, products: [] })).toEqual({ created: 0 });
  });
});
