import type { Started } from "@shop/runtime/testing";
import type { startOrderSubgraph } from "../src/app";
import type { OrderModel, OrderStatus } from "../src/models";
import { createOrder, type NewOrderLine } from "../src/services/orders";

// Data the order tests write and read straight in the order database, past GraphQL. Each helper takes the running
// subgraph (a harness's `.subgraph`); starting it, calling it and viewers are the shared harness's
// (@shop/runtime/testing).

export type OrderSubgraph = Started<typeof startOrderSubgraph>;

/** A line of a fresh random product. */
export function line(unitPriceAmount = 1250, quantity = 1): NewOrderLine {
  return { productId: crypto.randomUUID(), title: `Product ${crypto.randomUUID().slice(0, 8)}`, unitPriceAmount, quantity };
}

/** Places `count` orders for `userId`, one minute apart, oldest first; returns them oldest first. */
export async function placeOrders(
  subgraph: OrderSubgraph,
  userId: string,
  count: number,
  options: { lines?: number; status?: OrderStatus; createdAt?: (index: number) => Date } = {},
): Promise<OrderModel[]> {
  const start = Date.now() - count * 60_000;
  const placed: OrderModel[] = [];
  for (let index = 0; index < count; index += 1) {
    placed.push(
      await createOrder(subgraph.database.db, {
        userId,
        currency: "USD",
        lines: Array.from({ length: options.lines ?? 2 }, (_, n) => line(1000 + n, n + 1)),
        shippingAddress: null,
        status: options.status ?? "PAID",
        createdAt: options.createdAt?.(index) ?? new Date(start + index * 60_000),
      }),
    );
  }
  return placed;
}
