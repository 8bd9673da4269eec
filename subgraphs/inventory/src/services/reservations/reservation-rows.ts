import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { InventoryDatabase } from "../../db/database";
import { reservations, stockLevels } from "../../db/schema";
import type { StockLine } from "./reservation-lines";
import type { ReleaseReason, RowStatus } from "./reservation-state";

/** One row of an order, as the reservation code reads it. */
export interface ReservationRow extends StockLine {
  status: RowStatus;
  releaseReason: ReleaseReason | null;
  expiresAt: Date;
}

/** Held rows, with the statuses written out so the partial indexes (`where status in (...)`) match. */
export const isHeld = sql`${reservations.status} in ('PENDING', 'ACTIVE')`;

const rowColumns = {
  productId: reservations.productId,
  quantity: reservations.quantity,
  status: reservations.status,
  releaseReason: reservations.releaseReason,
  expiresAt: reservations.expiresAt,
};

/** Every row of an order, by product id. */
export function readOrder(db: InventoryDatabase, orderId: string): Promise<ReservationRow[]> {
  return db.select(rowColumns).from(reservations).where(eq(reservations.orderId, orderId)).orderBy(asc(reservations.productId));
}

export type PendingWrite = { kind: "inserted"; expiresAt: Date } | { kind: "exists" } | { kind: "unstocked"; productIds: string[] };

/**
 * Writes the order's PENDING rows (expiring `ttlSeconds` from now) in ONE statement, before Redis is asked, so a
 * crash leaves a row the sweeper can find. Nothing is written when the order already has rows (`exists`) or a
 * product has no stock row (the foreign key aborts the statement: `unstocked`).
 *
 * Two first calls for one order racing past the `not exists` meet on the primary key: the later one skips the rows
 * the earlier one wrote. With the same lines (the only caller, checkout, sends one order's lines every time) it
 * writes none; should other lines have got in, the rows it wrote are deleted again, so an order's rows are always
 * those of one call.
 */
export async function insertPending(
  db: InventoryDatabase,
  orderId: string,
  lines: readonly StockLine[],
  ttlSeconds: number,
): Promise<PendingWrite> {
  let written: { inserted: number; expires_at_ms: number | null; product_ids: string[] | null };
  try {
    const rows = await db.execute<typeof written>(sql`
      with inserted as (
        insert into ${reservations} (order_id, product_id, quantity, status, expires_at)
        select ${orderId}, line.product_id, line.quantity, 'PENDING', now() + ${ttlSeconds}::int * interval '1 second'
        from jsonb_to_recordset(${JSON.stringify(lines.map((l) => ({ product_id: l.productId, quantity: l.quantity })))}::jsonb)
          as line(product_id uuid, quantity int)
        where not exists (select 1 from ${reservations} where ${reservations.orderId} = ${orderId})
        on conflict do nothing
        returning product_id, expires_at
      )
      select count(*)::int as inserted, (extract(epoch from max(expires_at)) * 1000)::float8 as expires_at_ms,
        array_agg(product_id::text) as product_ids
      from inserted`);
    written = rows[0]!;
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    const ids = lines.map((line) => line.productId);
    const stocked = await db.select({ productId: stockLevels.productId }).from(stockLevels).where(inArray(stockLevels.productId, ids));
    const known = new Set(stocked.map((row) => row.productId));
    return { kind: "unstocked", productIds: ids.filter((id) => !known.has(id)) };
  }
  if (written.inserted === lines.length) return { kind: "inserted", expiresAt: new Date(written.expires_at_ms!) };
  if (written.inserted > 0) {
    await db.delete(reservations).where(and(eq(reservations.orderId, orderId), inArray(reservations.productId, written.product_ids!)));
  }
  return { kind: "exists" };
}

/** The SQLSTATE of a failed statement (drizzle wraps the driver's error in `cause`). */
function sqlStateOf(error: unknown): string | undefined {
  const codeOf = (value: unknown) => (value as { code?: string } | undefined)?.code;
  return codeOf((error as { cause?: unknown })?.cause) ?? codeOf(error);
}

function isForeignKeyViolation(error: unknown): boolean {
  return sqlStateOf(error) === "23503";
}

/** Marks the order's held rows ACTIVE (Redis took the units); returns how many rows are ACTIVE now. */
export async function markActive(db: InventoryDatabase, orderId: string): Promise<number> {
  const rows = await db
    .update(reservations)
    .set({ status: "ACTIVE", updatedAt: sql`now()` })
    .where(and(eq(reservations.orderId, orderId), isHeld))
    .returning({ productId: reservations.productId });
  return rows.length;
}

/** Releases the order's held rows with a reason; returns the rows it changed (none when nothing was held). */
export function releaseHeld(db: InventoryDatabase, orderId: string, reason: ReleaseReason): Promise<ReservationRow[]> {
  return db
    .update(reservations)
    .set({ status: "RELEASED", releaseReason: reason, updatedAt: sql`now()` })
    .where(and(eq(reservations.orderId, orderId), isHeld))
    .returning(rowColumns);
}

/** Attempts of `commitOnHand` when PostgreSQL picks it as a deadlock victim (it then wrote nothing). */
const DEADLOCK_ATTEMPTS = 3;

/**
 * ACTIVE → COMMITTED with the units taken off on_hand, in ONE statement (atomic, one round trip): what `moveOnHand`
 * does for a commit, which needs nothing done while the rows are locked. The UPDATE takes each stock row FOR NO KEY
 * UPDATE as it goes, which a resync's FOR SHARE waits for, as in `moveOnHand`. Unlike `moveOnHand` it cannot lock in
 * product order (a second lock of a row the same statement updates can deadlock on itself), so two multi-line
 * commits crossing on the same products may deadlock: PostgreSQL aborts one statement whole, and it is run again.
 * A one-line commit (a flash sale's) takes one stock row and never deadlocks. Returns the rows it committed (none
 * when nothing was ACTIVE).
 */
export async function commitOnHand(db: InventoryDatabase, orderId: string): Promise<ReservationRow[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const rows = await db.execute<CommittedRow>(sql`
        with moved as (
          update ${reservations} set status = 'COMMITTED', updated_at = now()
          where ${reservations.orderId} = ${orderId} and ${reservations.status} = 'ACTIVE'
          returning product_id, quantity, status, release_reason, expires_at
        ),
        taken as (
          update ${stockLevels} set on_hand = ${stockLevels.onHand} - moved.quantity, updated_at = now()
          from moved
          where ${stockLevels.productId} = moved.product_id
          returning ${stockLevels.productId}
        )
        select moved.product_id, moved.quantity, moved.status, moved.release_reason,
          (extract(epoch from moved.expires_at) * 1000)::float8 as expires_at_ms, (select count(*) from taken) as taken
        from moved order by moved.product_id`);
      return rows.map((row) => ({
        productId: row.product_id,
        quantity: row.quantity,
        status: row.status,
        releaseReason: row.release_reason,
        expiresAt: new Date(row.expires_at_ms),
      }));
    } catch (error) {
      if (attempt >= DEADLOCK_ATTEMPTS || sqlStateOf(error) !== "40P01") throw error;
    }
  }
}

type CommittedRow = {
  product_id: string;
  quantity: number;
  status: RowStatus;
  release_reason: ReleaseReason | null;
  expires_at_ms: number;
};

/**
 * Moves the order's rows `from` → `to` and adds `sign × quantity` to on_hand, in one transaction. Stock rows are
 * locked in product order (no deadlock between two orders) and FOR NO KEY UPDATE, which a resync's FOR SHARE
 * waits for. `whileLocked` runs before the commit, still holding the locks.
 */
export async function moveOnHand<T>(
  db: InventoryDatabase,
  orderId: string,
  change: { from: RowStatus; to: RowStatus; sign: 1 | -1 },
  whileLocked: (rows: ReservationRow[]) => Promise<T>,
): Promise<{ rows: ReservationRow[]; locked: T | null }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(reservations)
      .set({ status: change.to, updatedAt: sql`now()` })
      .where(and(eq(reservations.orderId, orderId), eq(reservations.status, change.from)))
      .returning(rowColumns);
    if (rows.length === 0) return { rows, locked: null };
    rows.sort((a, b) => (a.productId < b.productId ? -1 : 1));
    const ids = rows.map((row) => row.productId);
    await tx
      .select({ id: stockLevels.productId })
      .from(stockLevels)
      .where(inArray(stockLevels.productId, ids))
      .orderBy(asc(stockLevels.productId))
      .for("no key update");
    for (const row of rows) {
      await tx
        .update(stockLevels)
        .set({ onHand: sql`${stockLevels.onHand} + ${change.sign * row.quantity}`, updatedAt: sql`now()` })
        .where(eq(stockLevels.productId, row.productId));
    }
    return { rows, locked: await whileLocked(rows) };
  });
}
