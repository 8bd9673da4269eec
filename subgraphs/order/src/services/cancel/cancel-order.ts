import { and, eq, isNull, sql } from "drizzle-orm";
import { badUserInput, conflict, notFound, noteOnSpan, parseId, requireViewer, type Viewer } from "@shop/runtime";
import type { OrderDatabase } from "../../db/database";
import { cancellations, checkouts, orders } from "../../db/schema";
import type { OrderModel } from "../../models";
import { crashPoint } from "../checkout/crash-points";
import { CANCELLABLE } from "../order-status";
import { advanceCancellation, resumeCancellation, type CancelDeps, type CancellationRow } from "./saga";

export type { CancelDeps } from "./saga";

/**
 * `cancelOrder`: records the intent first (from then on the order can only become CANCELLED: it can no longer be
 * packed or shipped), then runs the cancellation saga (`saga.ts`): refund, stock back, CANCELLED. A cancellation
 * already under way is resumed rather than refused, so retrying after a failure half-way finishes it; one whose
 * process died is finished by the recovery job.
 */
export async function cancelOrder(deps: CancelDeps, viewerArg: Viewer | null, idArg: string): Promise<OrderModel> {
  const viewer = requireViewer(viewerArg);
  const orderId = parseId(idArg, "id");
  noteOnSpan({ "order.id": orderId });
  let order = await load(deps.db, orderId);
  if (!order || (order.userId !== viewer.userId && viewer.role !== "ADMIN")) throw notFound("Order", orderId);
  // Statuses only move forward, so a lost race (below) ends in a few rounds.
  for (;;) {
    if (order.status === "CANCELLED") return order;
    if (order.cancelRequestedAt !== null) {
      await resumeCancellation(deps, orderId);
      return (await load(deps.db, orderId))!;
    }
    refuseUnlessCancellable(viewer, order);
    const [running] = await deps.db.select({ step: checkouts.step }).from(checkouts).where(eq(checkouts.orderId, orderId));
    if (running && running.step !== "COMPLETED" && running.step !== "FAILED") {
      throw conflict("id", "the order's payment is still being processed: retry in a moment");
    }
    const intent = await recordIntent(deps.db, viewer, order);
    if (intent) {
      crashPoint("cancel-after-intent");
      await advanceCancellation(deps, intent);
      return (await load(deps.db, orderId))!;
    }
    // The order moved meanwhile (an admin packed or shipped it) or another request recorded a cancellation.
    order = (await load(deps.db, orderId))!;
  }
}

async function load(db: OrderDatabase, orderId: string): Promise<OrderModel | undefined> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

function refuseUnlessCancellable(viewer: Viewer, order: OrderModel): void {
  const allowed = CANCELLABLE[viewer.role];
  if (!allowed.includes(order.status)) {
    throw badUserInput("id", `order is ${order.status}; you can cancel it only while ${allowed.join(" or ")}`);
  }
}

/**
 * Marks the order (guarded on the status it was read in, which decides whether it is paid, and on no cancellation
 * yet) and writes the saga row, in one transaction. Null when the guard failed: the order moved meanwhile.
 */
function recordIntent(db: OrderDatabase, viewer: Viewer, order: OrderModel): Promise<CancellationRow | null> {
  const paid = order.status !== "PENDING_PAYMENT";
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(orders)
      .set({ cancelRequestedAt: sql`now()` })
      .where(and(eq(orders.id, order.id), eq(orders.status, order.status), isNull(orders.cancelRequestedAt)))
      .returning({ id: orders.id });
    if (marked.length === 0) return null;
    const [row] = await tx
      .insert(cancellations)
      .values({ orderId: order.id, userId: order.userId, paid, note: noteOf(viewer, order.userId, paid) })
      .returning();
    return row!;
  });
}

/** The CANCELLED event's note: who cancelled, and whether the payment was refunded. */
function noteOf(viewer: Viewer, ownerId: string, paid: boolean): string {
  const who = viewer.role === "ADMIN" && viewer.userId !== ownerId ? "by the shop" : "by the customer";
  return paid ? `Cancelled ${who}; payment refunded` : `Cancelled ${who}`;
}
