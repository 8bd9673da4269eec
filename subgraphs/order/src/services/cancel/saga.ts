import { and, eq, sql } from "drizzle-orm";
import type { OrderDatabase, OrderTransaction } from "../../db/database";
import { cancellations, orders, payments } from "../../db/schema";
import type { Siblings } from "../../siblings";
import { crashPoint } from "../checkout/crash-points";
import { transition } from "../order-status";
import type { PaymentProvider } from "../payments/provider";

/** What a cancellation talks to: the orders, the payment provider (refunds) and inventory (stock back). */
export interface CancelDeps {
  db: OrderDatabase;
  payments: PaymentProvider;
  siblings: Siblings;
}

export type CancellationRow = typeof cancellations.$inferSelect;
type CancellationStep = CancellationRow["step"];

/**
 * Drives one recorded cancellation from the step it is at to COMPLETED: refund (a paid order), stock back (returned
 * when paid, the hold released when not), then the order CANCELLED with its timeline event and outbox row. Every
 * call is idempotent on the order id and every step move is conditional (`step = <where it was read>`), so a live
 * request, a retry and the recovery job may all advance the same cancellation: nothing is done twice, and the
 * CANCELLED event is written once. A move answers null when somebody else made it first: then the row is read again.
 */
export async function advanceCancellation(deps: CancelDeps, start: CancellationRow): Promise<void> {
  let row: CancellationRow | null = start;
  for (;;) {
    row ??= await loadCancellation(deps.db, start.orderId);
    switch (row.step) {
      case "COMPLETED":
        return;
      case "REQUESTED":
        if (row.paid) {
          await deps.payments.refund(row.orderId);
          crashPoint("cancel-after-refund");
        }
        row = await recordRefund(deps.db, row);
        crashPoint("cancel-after-refund-recorded");
        break;
      case "REFUNDED":
        if (row.paid) await deps.siblings.returnStock(row.orderId);
        else await deps.siblings.releaseReservation(row.orderId);
        crashPoint("cancel-after-restock");
        row = await deps.db.transaction((tx) => move(tx, row!, "RESTOCKED"));
        crashPoint("cancel-after-restock-recorded");
        break;
      case "RESTOCKED":
        row = await complete(deps.db, row);
        break;
    }
  }
}

/** `advanceCancellation` for a cancellation known only by its order id (a repeated cancelOrder, recovery). */
export async function resumeCancellation(deps: CancelDeps, orderId: string): Promise<void> {
  await advanceCancellation(deps, await loadCancellation(deps.db, orderId));
}

async function loadCancellation(db: OrderDatabase, orderId: string): Promise<CancellationRow> {
  const [row] = await db.select().from(cancellations).where(eq(cancellations.orderId, orderId));
  if (!row) throw new Error(`order ${orderId} has no recorded cancellation`);
  return row;
}

/** The conditional step move: the row as written, or null when the cancellation was not at `row.step` any more. */
async function move(tx: OrderTransaction, row: CancellationRow, to: CancellationStep): Promise<CancellationRow | null> {
  const [moved] = await tx
    .update(cancellations)
    .set({ step: to, updatedAt: sql`now()` })
    .where(and(eq(cancellations.orderId, row.orderId), eq(cancellations.step, row.step)))
    .returning();
  return moved ?? null;
}

/** REQUESTED → REFUNDED, with the order's payment record marked REFUNDED (a paid order) in the same transaction. */
function recordRefund(db: OrderDatabase, row: CancellationRow): Promise<CancellationRow | null> {
  return db.transaction(async (tx) => {
    const moved = await move(tx, row, "REFUNDED");
    if (moved && row.paid) {
      await tx
        .update(payments)
        .set({ status: "REFUNDED", updatedAt: sql`now()` })
        .where(eq(payments.orderId, row.orderId));
    }
    return moved;
  });
}

/**
 * RESTOCKED → COMPLETED with the order CANCELLED (timeline event + outbox row) in one transaction: the step move is
 * the gate, so the CANCELLED event is written exactly once whoever completes it. The recorded intent keeps the order
 * from being packed or shipped meanwhile, so it is still in a state CANCELLED may follow.
 */
function complete(db: OrderDatabase, row: CancellationRow): Promise<CancellationRow | null> {
  return db.transaction(async (tx) => {
    const moved = await move(tx, row, "COMPLETED");
    if (!moved) return null;
    const order = { id: row.orderId, userId: row.userId };
    if (!(await transition(tx, order, "CANCELLED", row.note))) {
      const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, row.orderId));
      // Rolls back: recovery tries again and logs it each round; a person must look at an order in this state.
      if (current?.status !== "CANCELLED") {
        throw new Error(`order ${row.orderId} was refunded and restocked but could not be cancelled: it is ${current?.status}`);
      }
    }
    return moved;
  });
}
