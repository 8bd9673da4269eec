import { eq, sql } from "drizzle-orm";
import { badUserInput, conflict, notFound, parseId, requireViewer, type Viewer } from "@shop/runtime";
import type { OrderDatabase } from "../db/database";
import { checkouts, orders, payments } from "../db/schema";
import type { OrderModel } from "../models";
import type { Siblings } from "../siblings";
import { CANCELLABLE, transition } from "./order-status";
import type { PaymentProvider } from "./payments/provider";

/** What a cancellation talks to: the orders, the payment provider (refunds) and inventory (stock back). */
export interface CancelDeps {
  db: OrderDatabase;
  payments: PaymentProvider;
  siblings: Siblings;
}

/**
 * `cancelOrder`: refunds a paid order and returns its stock, or releases the hold of an unpaid one, then marks it
 * CANCELLED with a timeline note. Refund and stock return are idempotent per order, so a retry after a failure
 * half-way finishes the job without refunding or restocking twice.
 */
export async function cancelOrder(deps: CancelDeps, viewerArg: Viewer | null, idArg: string): Promise<OrderModel> {
  const viewer = requireViewer(viewerArg);
  const orderId = parseId(idArg, "id");
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || (order.userId !== viewer.userId && viewer.role !== "ADMIN")) throw notFound("Order", orderId);
  if (order.status === "CANCELLED") return order;
  if (!CANCELLABLE[viewer.role].includes(order.status)) {
    throw badUserInput("id", `order is ${order.status}; you can cancel it only while ${CANCELLABLE[viewer.role].join(" or ")}`);
  }
  const [running] = await deps.db.select({ step: checkouts.step }).from(checkouts).where(eq(checkouts.orderId, orderId));
  if (running && running.step !== "COMPLETED" && running.step !== "FAILED") {
    throw conflict("id", "the order's payment is still being processed: retry in a moment");
  }
  const paid = order.status !== "PENDING_PAYMENT";
  if (paid) {
    await deps.payments.refund(orderId);
    await deps.siblings.returnStock(orderId);
  } else {
    await deps.siblings.releaseReservation(orderId);
  }
  const who = viewer.role === "ADMIN" && viewer.userId !== order.userId ? "by the shop" : "by the customer";
  await deps.db.transaction(async (tx) => {
    await transition(tx, order, "CANCELLED", paid ? `Cancelled ${who}; payment refunded` : `Cancelled ${who}`);
    if (paid)
      await tx
        .update(payments)
        .set({ status: "REFUNDED", updatedAt: sql`now()` })
        .where(eq(payments.orderId, orderId));
  });
  const [cancelled] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  return cancelled!;
}
