import { afterAll, beforeAll } from "vitest";
import type { Viewer } from "@shop/runtime";
import { callSubgraph, testConfig } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import type { OrderModel, OrderStatus } from "../src/models";
import { createOrder, type NewOrderLine } from "../src/services/orders";

export type OrderSubgraph = Awaited<ReturnType<typeof startOrderSubgraph>>;

/** Starts this file's own order subgraph for its tests and stops it afterwards. */
export function useOrderSubgraph() {
  const config = testConfig();
  const harness = {
    config,
    subgraph: undefined as unknown as OrderSubgraph,
    call: (query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) =>
      callSubgraph(config, harness.subgraph.url, query, variables, viewer),
    /** SQL statements the subgraph sends while `run` runs. */
    statementsDuring: async <T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> => {
      const before = harness.subgraph.database.statements.count;
      const result = await run();
      return { result, statements: harness.subgraph.database.statements.count - before };
    },
  };
  beforeAll(async () => {
    harness.subgraph = await startOrderSubgraph(config);
  });
  afterAll(() => harness.subgraph.stop());
  return harness;
}

export const customer = (): Viewer => ({ userId: crypto.randomUUID(), role: "CUSTOMER" });
export const admin = (): Viewer => ({ userId: crypto.randomUUID(), role: "ADMIN" });

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
