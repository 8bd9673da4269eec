import { eq, sql } from "drizzle-orm";
import { createSubgraphClient, type Redis, type ShopConfig, type Viewer } from "@shop/runtime";
import type { InventoryDatabase } from "../src/db/database";
import { reservations, stockLevels } from "../src/db/schema";
import { ALL_KEYS_PATTERN, availableKey } from "../src/services/stock/counter-keys";
import type { ReservationState } from "../src/services/reservations/reservation-state";

export const admin = (): Viewer => ({ userId: crypto.randomUUID(), role: "ADMIN" });
export const customer = (): Viewer => ({ userId: crypto.randomUUID(), role: "CUSTOMER" });

export const INVENTORY_FIELDS = "onHand reserved available inStock";

type Status = "PENDING" | "ACTIVE" | "COMMITTED" | "RELEASED" | "RETURNED";

/** Inserts a stock row and reservations (each for its own order) straight into the tables. */
export async function insertStock(db: InventoryDatabase, productId: string, onHand: number, held: [number, Status][] = []) {
  await db.insert(stockLevels).values({ productId, onHand });
  if (held.length === 0) return;
  const expiresAt = new Date(Date.now() + 15 * 60_000);
  await db
    .insert(reservations)
    .values(held.map(([quantity, status]) => ({ orderId: crypto.randomUUID(), productId, quantity, status, expiresAt })));
}

/** The stored on_hand, or null when the product has no stock row. */
export async function readOnHand(db: InventoryDatabase, productId: string): Promise<number | null> {
  const [row] = await db.select({ onHand: stockLevels.onHand }).from(stockLevels).where(eq(stockLevels.productId, productId));
  return row?.onHand ?? null;
}

/** The Redis counter as a number, or null when the key is missing. */
export async function readCounter(redis: Redis, productId: string): Promise<number | null> {
  const value = await redis.get(availableKey(productId));
  return value === null ? null : Number(value);
}

/** Statuses of an order's rows, by product id. */
export async function rowsOf(db: InventoryDatabase, orderId: string) {
  return db
    .select({ productId: reservations.productId, quantity: reservations.quantity, status: reservations.status, releaseReason: reservations.releaseReason })
    .from(reservations)
    .where(eq(reservations.orderId, orderId))
    .orderBy(reservations.productId);
}

/** Units of a product in ACTIVE rows (what Redis granted and PostgreSQL recorded). */
export async function activeUnits(db: InventoryDatabase, productId: string): Promise<number> {
  const [row] = await db
    .select({ units: sql<number>`coalesce(sum(${reservations.quantity}), 0)::int` })
    .from(reservations)
    .where(sql`${reservations.productId} = ${productId} and ${reservations.status} = 'ACTIVE'`);
  return row!.units;
}

/**
 * Redis losing everything, as the inventory sees it: every key it owns deleted in one atomic step. Not a real
 * FLUSHALL, which would also wipe the other suites running against the same Redis and the developer's db 0.
 */
export function loseInventoryKeys(redis: Redis): Promise<unknown> {
  return redis.eval(`for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end return 1`, 0, ALL_KEYS_PATTERN);
}

/** Resyncs until one attempt is not BUSY (other suites' scripts run concurrently on the same Redis). */
export async function resyncWhenQuiet(subgraph: { resync(): Promise<string> }): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await subgraph.resync()) !== "BUSY") return;
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
  }
  throw new Error("resync stayed BUSY for 200 attempts");
}

export interface Result {
  orderId: string;
  state: ReservationState;
  shortages: { productId: string; requested: number; available: number }[];
  expiresAt: string | null;
}
export type Line = { productId: string; quantity: number };

const RESULT = "orderId state shortages { productId requested available } expiresAt";

/** The internal mutations, called as the order subgraph calls them (its service credential). */
export function orderService(config: ShopConfig, url: string, service = "order") {
  const call = createSubgraphClient({ url, service, internalTokenSecret: config.internalTokenSecret, timeoutMs: 30_000 });
  const byOrder = (field: string) => async (orderId: string) =>
    (await call<Record<string, Result>>(`mutation($o: ID!) { ${field}(orderId: $o) { ${RESULT} } }`, { o: orderId }))[field]!;
  return {
    reserve: async (orderId: string, lines: Line[], ttlSeconds?: number) =>
      (
        await call<{ reserveStock: Result }>(
          `mutation($o: ID!, $l: [StockLineInput!]!, $t: Int) { reserveStock(orderId: $o, lines: $l, ttlSeconds: $t) { ${RESULT} } }`,
          { o: orderId, l: lines, t: ttlSeconds ?? null },
        )
      ).reserveStock,
    commit: byOrder("commitReservation"),
    release: byOrder("releaseReservation"),
    returnStock: byOrder("returnStock"),
  };
}
