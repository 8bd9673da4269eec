import { eq, sql } from "drizzle-orm";
import { parse } from "graphql";
import { createSubgraphClient, type Redis, type ShopConfig, type TypedDocumentNode, type Viewer } from "@shop/runtime";
import type { InventoryDatabase } from "../src/db/database";
import { reservations, stockLevels } from "../src/db/schema";
import { ALL_KEYS_PATTERN, availableKey } from "../src/services/stock/counter-keys";
import type { StockLine } from "../src/services/reservations/reservation-lines";
import type { ReservationResult } from "../src/services/reservations/reservation-state";

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
 * Redis losing everything, as the inventory using `redis` sees it: every key under its key prefix deleted in one
 * atomic step. Not a real FLUSHALL, which would also wipe the other suites running against the same Redis and the
 * developer's db 0; call it only on a client with a prefix of the file's own (tests/support/isolation.ts).
 */
export async function loseInventoryKeys(redis: Redis): Promise<unknown> {
  const prefix = redis.options.keyPrefix;
  if (!prefix) throw new Error("loseInventoryKeys needs a client with a stock key prefix of its own: it would delete every file's holds");
  return redis.eval(`for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end return 1`, 0, `${prefix}${ALL_KEYS_PATTERN}`);
}

/** Resyncs until one attempt is not BUSY (a script of the file's own sweeper or reconciler ran meanwhile). */
export async function resyncWhenQuiet(subgraph: { resync(): Promise<string> }): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await subgraph.resync()) !== "BUSY") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("resync stayed BUSY for 200 attempts");
}

/** A reservation mutation's answer as it arrives over JSON. */
type Result = Omit<ReservationResult, "expiresAt"> & { expiresAt: string | null };
export type Line = StockLine;

const RESULT = "orderId state shortages { productId requested available } expiresAt";
const RESERVE: TypedDocumentNode<{ reserveStock: Result }, { o: string; l: Line[]; t: number | null }> = parse(
  `mutation($o: ID!, $l: [StockLineInput!]!, $t: Int) { reserveStock(orderId: $o, lines: $l, ttlSeconds: $t) { ${RESULT} } }`,
);
const byOrderId = <F extends string>(field: F): TypedDocumentNode<Record<F, Result>, { o: string }> =>
  parse(`mutation($o: ID!) { ${field}(orderId: $o) { ${RESULT} } }`);
const COMMIT = byOrderId("commitReservation");
const RELEASE = byOrderId("releaseReservation");
const RETURN = byOrderId("returnStock");

/** The internal mutations, called as the order subgraph calls them (its service credential). */
export function orderService(config: ShopConfig, url: string, service = "order") {
  const call = createSubgraphClient({ url, service, internalTokenSecret: config.internalTokenSecret, timeoutMs: 30_000 });
  return {
    reserve: async (orderId: string, lines: Line[], ttlSeconds?: number) =>
      (await call(RESERVE, { o: orderId, l: lines, t: ttlSeconds ?? null })).reserveStock,
    commit: async (orderId: string) => (await call(COMMIT, { o: orderId })).commitReservation,
    release: async (orderId: string) => (await call(RELEASE, { o: orderId })).releaseReservation,
    returnStock: async (orderId: string) => (await call(RETURN, { o: orderId })).returnStock,
  };
}
