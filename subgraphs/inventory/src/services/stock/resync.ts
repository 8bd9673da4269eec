import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Redis } from "@shop/runtime";
import type { InventoryDatabase } from "../../db/database";
import { reservations, stockLevels } from "../../db/schema";
import { availableUnits } from "./availability";
import { availableKey, READY_KEY, VERSION_KEY } from "./counter-keys";
import { resyncScript, type ResyncSnapshot } from "./counters";
import type { StockLine } from "../reservations/reservation-lines";
import { reservedUnits } from "./stock-levels";

/** OK: Redis rebuilt. BUSY: a script ran meanwhile, or another replica is resyncing. SKIPPED: already ready. */
export type ResyncOutcome = "OK" | "BUSY" | "SKIPPED";

/** Serializes resyncs across replicas (transaction-scoped advisory lock). */
const RESYNC_LOCK = sql`hashtext('shop:inventory:resync')`;

/**
 * One resync (README "Resync"). `wait` queues behind a resync of another replica instead of answering BUSY;
 * `onlyIfMissing` skips when `ready` is back by then (someone else rebuilt after our MISSING).
 *
 * The transaction holds FOR SHARE on every stock row from its read until after resync.lua, so every on_hand
 * writer (setStock, commit, return) is either fully before the snapshot or fully after the script; it also
 * holds the PENDING rows it may release, so a late "mark ACTIVE" cannot slip in between. One call passes every
 * product to one script: fine for thousands of products, see the README for the limit.
 */
export async function resyncOnce(
  db: InventoryDatabase,
  redis: Redis,
  options: { wait: boolean; onlyIfMissing: boolean },
): Promise<ResyncResult> {
  return db.transaction(async (tx) => {
    if (options.wait) await tx.execute(sql`select pg_advisory_xact_lock(${RESYNC_LOCK})`);
    else {
      const [lock] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${RESYNC_LOCK}) as locked`);
      if (!lock?.locked) return nothingDone("BUSY");
    }
    if (options.onlyIfMissing && (await redis.exists(READY_KEY))) return nothingDone("SKIPPED");
    const version = (await redis.get(VERSION_KEY)) ?? "0";
    const products = await tx
      .select({ productId: stockLevels.productId, onHand: stockLevels.onHand })
      .from(stockLevels)
      .orderBy(asc(stockLevels.productId))
      .for("share");
    const held = columnsOfHeld();
    // PENDING first and locked; ACTIVE after: a row can only move PENDING → ACTIVE while unlocked, never back.
    const pending = await tx
      .select(held)
      .from(reservations)
      .where(eq(reservations.status, "PENDING"))
      .orderBy(asc(reservations.orderId), asc(reservations.productId))
      .for("update");
    const active = await tx.select(held).from(reservations).where(eq(reservations.status, "ACTIVE"));
    const snapshot: ResyncSnapshot = { version, products, orders: [...groupOrders(active, "ACTIVE"), ...groupOrders(pending, "PENDING")] };
    const answer = await resyncScript(redis, snapshot, crypto.randomUUID());
    if (answer.kind === "BUSY") return nothingDone("BUSY");
    if (answer.dropped.length > 0) {
      await tx
        .update(reservations)
        .set({ status: "RELEASED", releaseReason: "REFUSED", updatedAt: sql`now()` })
        .where(and(inArray(reservations.orderId, answer.dropped), eq(reservations.status, "PENDING")));
    }
    const dropped = new Set(answer.dropped);
    const releasedProductIds = [...new Set(pending.filter((row) => dropped.has(row.orderId)).map((row) => row.productId))];
    return { outcome: "OK", dropped: answer.dropped.length, releasedProductIds } satisfies ResyncResult;
  });
}

/**
 * `dropped`: PENDING orders that no longer fit and were released. Their units counted as held in PostgreSQL, so the
 * products in `releasedProductIds` show more stock once the transaction commits: live subscribers must hear of it.
 */
export interface ResyncResult {
  outcome: ResyncOutcome;
  dropped: number;
  releasedProductIds: string[];
}

const nothingDone = (outcome: "BUSY" | "SKIPPED"): ResyncResult => ({ outcome, dropped: 0, releasedProductIds: [] });

function columnsOfHeld() {
  return {
    orderId: reservations.orderId,
    productId: reservations.productId,
    quantity: reservations.quantity,
    createdAt: reservations.createdAt,
  };
}

/** Rows → orders; oldest first, so the oldest PENDING orders are the ones restored when stock is short. */
function groupOrders(rows: { orderId: string; productId: string; quantity: number; createdAt: Date }[], status: "PENDING" | "ACTIVE") {
  const orders = new Map<string, { orderId: string; status: typeof status; lines: StockLine[]; createdAt: number }>();
  for (const row of rows) {
    let order = orders.get(row.orderId);
    if (!order) orders.set(row.orderId, (order = { orderId: row.orderId, status, lines: [], createdAt: row.createdAt.getTime() }));
    order.lines.push({ productId: row.productId, quantity: row.quantity });
  }
  return [...orders.values()].sort((a, b) => a.createdAt - b.createdAt || (a.orderId < b.orderId ? -1 : 1));
}

/** A product whose Redis counter differs from on_hand − held in PostgreSQL (`actual` null: the key is missing). */
export interface CounterMismatch {
  productId: string;
  expected: number;
  actual: number | null;
}

/**
 * Compares PostgreSQL (on_hand − PENDING − ACTIVE) with the Redis counters, of the given products or of all:
 * the invariant onHand = available + reserved, which holds whenever no reservation is in flight.
 */
export async function checkInvariant(db: InventoryDatabase, redis: Redis, productIds?: readonly string[]): Promise<CounterMismatch[]> {
  const rows = await db
    .select({ productId: stockLevels.productId, onHand: stockLevels.onHand, reserved: reservedUnits })
    .from(stockLevels)
    .where(productIds ? inArray(stockLevels.productId, [...productIds]) : undefined);
  if (rows.length === 0) return [];
  const counters = await redis.mget(rows.map((row) => availableKey(row.productId)));
  return rows.flatMap((row, index) => {
    const expected = availableUnits(row);
    const actual = counters[index] === null ? null : Number(counters[index]);
    return actual === expected ? [] : [{ productId: row.productId, expected, actual }];
  });
}
