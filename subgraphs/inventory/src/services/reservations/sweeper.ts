import { and, asc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { StockEngine } from "../stock/engine";
import { HELD_KEY } from "../stock/counter-keys";
import { commitScript, releaseScript } from "../stock/counters";
import { decodeLines } from "./reservation-lines";
import { isHeld } from "./reservation-rows";
import { reservations } from "../../db/schema";

/** A PENDING row older than this with no `held` field belongs to a reserve that died before or in its script. */
const ABANDONED_AFTER_SECONDS = 30;
/** Orders handled per statement; a sweep runs each step once (the next sweep takes the rest). */
const BATCH = 500;

export interface SweepReport {
  /** PENDING orders released because their reserve never reached Redis. */
  abandoned: number;
  /** Held orders released because their TTL passed. */
  expired: number;
  /** `held` fields of orders PostgreSQL no longer holds, removed (units given back when RELEASED). */
  forgotten: number;
}

/**
 * One pass of the sweeper (README "Sweeper"). Safe on several replicas at once: rows are claimed FOR UPDATE SKIP
 * LOCKED, and the scripts act on `held` fields, which exist once.
 */
export async function sweep(engine: StockEngine): Promise<SweepReport> {
  const abandoned = await releaseAbandoned(engine);
  const expired = await releaseExpired(engine);
  const forgotten = await forgetStaleHeld(engine);
  return { abandoned, expired, forgotten };
}

/** PENDING orders past the bound that `held` does not record → RELEASED (their counters never moved). */
async function releaseAbandoned(engine: StockEngine): Promise<number> {
  const { db, redis } = engine;
  const rows = await db.transaction(async (tx) => {
    const bound = sql`now() - ${ABANDONED_AFTER_SECONDS}::int * interval '1 second'`;
    const orderIds = await claimOrders(tx, and(eq(reservations.status, "PENDING"), lt(reservations.createdAt, bound))!);
    if (orderIds.length === 0) return [];
    // The rows stay locked until the update, so their reserve cannot mark them ACTIVE in between; a script that
    // records one after this read is undone by the reserve itself (its update finds RELEASED) or the third step.
    const recorded = await redis.hmget(HELD_KEY, ...orderIds);
    const abandoned = orderIds.filter((_, index) => recorded[index] === null);
    return abandoned.length > 0 ? releaseRows(tx, abandoned, "ABANDONED") : [];
  });
  await engine.stockChanged(rows.map((row) => row.productId));
  return byOrderId(rows).size;
}

/** Held orders past expires_at → RELEASED in PostgreSQL first, then their units back in Redis. */
async function releaseExpired(engine: StockEngine): Promise<number> {
  const rows = await engine.db.transaction(async (tx) => {
    const orderIds = await claimOrders(tx, lt(reservations.expiresAt, sql`now()`));
    return orderIds.length > 0 ? releaseRows(tx, orderIds, "EXPIRED") : [];
  });
  const byOrder = byOrderId(rows);
  for (const [orderId, lines] of byOrder)
    await releaseOrRecover(
      engine,
      orderId,
      lines.map((line) => line.productId),
    );
  await engine.stockChanged(rows.map((row) => row.productId));
  return byOrder.size;
}

type Tx = Parameters<Parameters<StockEngine["db"]["transaction"]>[0]>[0];

/**
 * Locks held rows matching `due` (FOR UPDATE SKIP LOCKED, in order id then product id order, as the resync locks)
 * and keeps the orders whose every held row it got: they can be released without waiting for any lock, so two
 * sweepers (or a sweeper and a resync) never deadlock, and an order is never released in part.
 */
async function claimOrders(tx: Tx, due: SQL): Promise<string[]> {
  const locked = await tx
    .select({ orderId: reservations.orderId })
    .from(reservations)
    .where(and(isHeld, due))
    .orderBy(asc(reservations.orderId), asc(reservations.productId))
    .limit(BATCH)
    .for("update", { skipLocked: true });
  const lockedRows = byOrderId(locked);
  if (lockedRows.size === 0) return [];
  const held = await tx
    .select({ orderId: reservations.orderId, rows: sql<number>`count(*)::int` })
    .from(reservations)
    .where(and(inArray(reservations.orderId, [...lockedRows.keys()]), isHeld))
    .groupBy(reservations.orderId);
  return held.filter((order) => lockedRows.get(order.orderId)?.length === order.rows).map((order) => order.orderId);
}

function releaseRows(tx: Tx, orderIds: string[], reason: "ABANDONED" | "EXPIRED") {
  return tx
    .update(reservations)
    .set({ status: "RELEASED", releaseReason: reason, updatedAt: sql`now()` })
    .where(and(inArray(reservations.orderId, orderIds), isHeld))
    .returning({ orderId: reservations.orderId, productId: reservations.productId });
}

/** `held` fields whose order PostgreSQL no longer holds: RELEASED (or unknown) gives units back, else just forget. */
async function forgetStaleHeld(engine: StockEngine): Promise<number> {
  let cursor = "0";
  let forgotten = 0;
  do {
    const [next, flat] = await engine.redis.hscan(HELD_KEY, cursor, "COUNT", BATCH);
    cursor = next;
    const fields = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
    if (fields.size === 0) continue;
    const rows = await engine.db
      .select({ orderId: reservations.orderId, status: reservations.status })
      .from(reservations)
      .where(inArray(reservations.orderId, [...fields.keys()]));
    const statuses = byOrderId(rows);
    for (const [orderId, lines] of fields) {
      const status = new Set((statuses.get(orderId) ?? []).map((row) => row.status));
      if (status.has("PENDING") || status.has("ACTIVE")) continue;
      // COMMITTED and RETURNED units left on_hand (RETURNED came back through return.lua): only forget the order.
      if (status.has("COMMITTED") || status.has("RETURNED")) await commitScript(engine.redis, orderId);
      else
        await releaseOrRecover(
          engine,
          orderId,
          decodeLines(lines).map((line) => line.productId),
        );
      forgotten += 1;
    }
  } while (cursor !== "0");
  return forgotten;
}

/** release.lua; on MISSING the resync rebuilds `held` from PostgreSQL, which no longer holds the order. */
async function releaseOrRecover(engine: StockEngine, orderId: string, productIds: string[]): Promise<void> {
  if ((await releaseScript(engine.redis, orderId, productIds)) === "MISSING") await engine.recover();
}

function byOrderId<T extends { orderId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.orderId, [...(groups.get(row.orderId) ?? []), row]);
  return groups;
}
