import { eq, sql } from "drizzle-orm";
import type { Started } from "@shop/runtime/testing";
import type { startInventorySubgraph } from "../src/app";
import { reservations, stockLevels } from "../src/db/schema";
import { ALL_KEYS_PATTERN, availableKey } from "../src/services/stock/counter-keys";

// Data the inventory tests write and read straight in the inventory database and its Redis counters, past GraphQL.
// Each helper takes the running subgraph (a harness's `.subgraph`); starting it, calling it and viewers are the
// shared harness's (@shop/runtime/testing).

export type InventorySubgraph = Started<typeof startInventorySubgraph>;

type Status = "PENDING" | "ACTIVE" | "COMMITTED" | "RELEASED" | "RETURNED";

/** Inserts a stock row and reservations (each for its own order) straight into the tables. */
export async function insertStock(subgraph: InventorySubgraph, productId: string, onHand: number, held: [number, Status][] = []) {
  const { db } = subgraph.database;
  await db.insert(stockLevels).values({ productId, onHand });
  if (held.length === 0) return;
  const expiresAt = new Date(Date.now() + 15 * 60_000);
  await db
    .insert(reservations)
    .values(held.map(([quantity, status]) => ({ orderId: crypto.randomUUID(), productId, quantity, status, expiresAt })));
}

/** The stored on_hand, or null when the product has no stock row. */
export async function readOnHand(subgraph: InventorySubgraph, productId: string): Promise<number | null> {
  const [row] = await subgraph.database.db
    .select({ onHand: stockLevels.onHand })
    .from(stockLevels)
    .where(eq(stockLevels.productId, productId));
  return row?.onHand ?? null;
}

/** The Redis counter as a number, or null when the key is missing. */
export async function readCounter(subgraph: InventorySubgraph, productId: string): Promise<number | null> {
  const value = await subgraph.redis.get(availableKey(productId));
  return value === null ? null : Number(value);
}

/** Statuses of an order's rows, by product id. */
export async function rowsOf(subgraph: InventorySubgraph, orderId: string) {
  return subgraph.database.db
    .select({
      productId: reservations.productId,
      quantity: reservations.quantity,
      status: reservations.status,
      releaseReason: reservations.releaseReason,
    })
    .from(reservations)
    .where(eq(reservations.orderId, orderId))
    .orderBy(reservations.productId);
}

/** Units of a product in ACTIVE rows (what Redis granted and PostgreSQL recorded). */
export async function activeUnits(subgraph: InventorySubgraph, productId: string): Promise<number> {
  const [row] = await subgraph.database.db
    .select({ units: sql<number>`coalesce(sum(${reservations.quantity}), 0)::int` })
    .from(reservations)
    .where(sql`${reservations.productId} = ${productId} and ${reservations.status} = 'ACTIVE'`);
  return row!.units;
}

/**
 * Redis losing everything, as `subgraph` sees it: every key under its stock key prefix deleted in one atomic step.
 * Not a real FLUSHALL, which would also wipe the other suites running against the same Redis and the developer's
 * db 0; call it only on an inventory with a prefix of the file's own (`isolate`, @shop/runtime/testing).
 */
export async function loseInventoryKeys(subgraph: InventorySubgraph): Promise<unknown> {
  const { redis } = subgraph;
  const prefix = redis.options.keyPrefix;
  if (!prefix)
    throw new Error("loseInventoryKeys needs an inventory with a stock key prefix of its own: it would delete every file's holds");
  return redis.eval(
    `for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end return 1`,
    0,
    `${prefix}${ALL_KEYS_PATTERN}`,
  );
}

/** Resyncs until one attempt is not BUSY (a script of the file's own sweeper or reconciler ran meanwhile). */
export async function resyncWhenQuiet(subgraph: InventorySubgraph): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await subgraph.resync()) !== "BUSY") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("resync stayed BUSY for 200 attempts");
}

/** A new product with `onHand` units in PostgreSQL and, once resynced, in its Redis counter; answers its id. */
export async function stockedProduct(subgraph: InventorySubgraph, onHand: number): Promise<string> {
  const id = crypto.randomUUID();
  await insertStock(subgraph, id, onHand);
  await resyncWhenQuiet(subgraph);
  return id;
}
