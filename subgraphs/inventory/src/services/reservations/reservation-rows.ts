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

/** Thrown inside the transaction to roll it back when the order's rows already exist; never leaves this module. */
class OrderExists extends Error {}

/**
 * Writes the order's PENDING rows (expiring `ttlSeconds` from now) in one transaction, before Redis is asked, so
 * a crash leaves a row the sweeper can find. Nothing is written when the order already has rows or a product has
 * no stock row.
 */
export async function insertPending(
  db: InventoryDatabase,
  orderId: string,
  lines: readonly StockLine[],
  ttlSeconds: number,
): Promise<PendingWrite> {
  try {
    return await db.transaction(async (tx) => {
      const expiresAt = sql`now() + ${ttlSeconds}::int * interval '1 second'`;
      const inserted = await tx
        .insert(reservations)
        .values(lines.map((line) => ({ orderId, ...line, status: "PENDING" as const, expiresAt })))
        .onConflictDoNothing()
        .returning({ expiresAt: reservations.expiresAt });
      // A concurrent or earlier call with this order id wrote first: roll back whatever did not conflict.
      if (inserted.length < lines.length) throw new OrderExists();
      return { kind: "inserted" as const, expiresAt: inserted[0]!.expiresAt };
    });
  } catch (error) {
    if (error instanceof OrderExists) return { kind: "exists" };
    if (!isForeignKeyViolation(error)) throw error;
    const ids = lines.map((line) => line.productId);
    const stocked = await db.select({ productId: stockLevels.productId }).from(stockLevels).where(inArray(stockLevels.productId, ids));
    const known = new Set(stocked.map((row) => row.productId));
    return { kind: "unstocked", productIds: ids.filter((id) => !known.has(id)) };
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  const codeOf = (value: unknown) => (value as { code?: string } | undefined)?.code;
  return codeOf(error) === "23503" || codeOf((error as { cause?: unknown })?.cause) === "23503";
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
