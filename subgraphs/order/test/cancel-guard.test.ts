import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, dropDatabase, migrateDatabase, type Database } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import { migrationsFolder } from "../src/app";
import { schema } from "../src/db/schema";
import type { OrderStatus } from "../src/models";
import { createOrder } from "../src/services/orders";
import { transition } from "../src/services/order-status";

// The guard that keeps an order being cancelled from moving anywhere but CANCELLED, at the level of the statement:
// what must hold whichever way two requests interleave. A database of this file alone, so nothing else touches it.
const databaseUrl = `${testConfig().subgraphs.order.databaseUrl}_cancel_guard`;
let database: Database<typeof schema>;

beforeAll(async () => {
  await migrateDatabase(databaseUrl, migrationsFolder);
  database = connectDatabase(databaseUrl, schema, { max: 4 });
});
afterAll(async () => {
  await database.close();
  await dropDatabase(databaseUrl);
});

async function newOrder(status: OrderStatus) {
  const lines = [{ productId: crypto.randomUUID(), title: "Lamp", unitPriceAmount: 1500, quantity: 1 }];
  return createOrder(database.db, { userId: crypto.randomUUID(), currency: "USD", lines, shippingAddress: null, status });
}

const statusOf = async (id: string) => (await database.sql<{ status: string }[]>`select status from orders where id = ${id}`)[0]!.status;
const ship = (order: { id: string; userId: string }) =>
  database.db.transaction((tx) => transition(tx, order, "SHIPPED", "Shipped", { trackingNumber: "TRACK-1" }));

describe("transition, once a cancellation is recorded", () => {
  it("moves an order nowhere but CANCELLED", async () => {
    const free = await newOrder("PACKED");
    expect(await ship(free)).toBe(true);

    const cancelling = await newOrder("PACKED");
    await database.sql`update orders set cancel_requested_at = now() where id = ${cancelling.id}`;
    expect(await ship(cancelling)).toBe(false);
    expect(await statusOf(cancelling.id)).toBe("PACKED");
    expect(await database.db.transaction((tx) => transition(tx, cancelling, "CANCELLED", "Cancelled by the shop"))).toBe(true);
  });

  it("fails a move that was waiting on the order row while the intent committed", async () => {
    const order = await newOrder("PACKED");
    let shipping: Promise<boolean> | undefined;
    await database.sql.begin(async (intent) => {
      await intent`update orders set cancel_requested_at = now() where id = ${order.id}`;
      // The admin's guarded UPDATE runs now, on another connection, and waits for the intent's row lock.
      shipping = ship(order);
      await expect
        .poll(
          async () =>
            (
              await database.sql<{ waiting: number }[]>`
                select count(*)::int as waiting from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query like 'update "orders"%'`
            )[0]!.waiting,
          { timeout: 10_000, interval: 20 },
        )
        .toBe(1);
    });
    // Woken by the commit, PostgreSQL re-reads the row and re-checks the whole condition on it: no longer true.
    expect(await shipping).toBe(false);
    expect(await statusOf(order.id)).toBe("PACKED");
  });
});
