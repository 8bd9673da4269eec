import { eq } from "drizzle-orm";
import { conflict, notFound, noteOnSpan, parseId, requireAdmin, type Viewer } from "@shop/runtime";
import { orders } from "../db/schema";
import type { OrderModel, OrderStatus } from "../models";
import { cancelOrder, type CancelDeps } from "./cancel/cancel-order";
import { planStatusChange, transition } from "./order-status";

async function load(deps: CancelDeps, orderId: string): Promise<OrderModel | undefined> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

/**
 * `updateOrderStatus` (ADMIN): CANCELLED goes through `cancelOrder` (refund and stock return where due); every other
 * move is one guarded `transition`, which writes the timeline event and the outbox row (live subscribers) with it.
 * Once a cancellation is recorded no other move passes, whether the rules see it first or the guarded UPDATE does.
 */
export async function updateOrderStatus(
  deps: CancelDeps,
  viewerArg: Viewer | null,
  idArg: string,
  status: OrderStatus,
  trackingNumberArg: string | null | undefined,
): Promise<OrderModel> {
  const viewer = requireAdmin(viewerArg);
  const orderId = parseId(idArg, "id");
  noteOnSpan({ "order.id": orderId });
  const order = await load(deps, orderId);
  if (!order) throw notFound("Order", orderId);
  const plan = planStatusChange(order, status, trackingNumberArg);
  if (plan.kind === "unchanged") return order;
  if (plan.kind === "cancel") return cancelOrder(deps, viewer, orderId);
  const moved = await deps.db.transaction((tx) =>
    transition(tx, order, plan.to, plan.note, plan.trackingNumber ? { trackingNumber: plan.trackingNumber } : {}),
  );
  const after = (await load(deps, orderId))!;
  if (moved) return after;
  // Someone else changed the order between our read and our guarded UPDATE (moved it, or recorded a cancellation):
  // answer as if we had read their change.
  if (planStatusChange(after, status, trackingNumberArg).kind === "unchanged") return after;
  throw conflict("status", `the order changed meanwhile (it is ${after.status} now): retry`);
}
