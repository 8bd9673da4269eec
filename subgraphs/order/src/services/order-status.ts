import { eq } from "drizzle-orm";
import { badUserInput, conflict, notFound, parseId, requireAdmin, type Viewer } from "@shop/runtime";
import { orders } from "../db/schema";
import type { OrderModel, OrderStatus } from "../models";
import { cancelOrder } from "./cancel";
import { transition, type SagaDeps } from "./checkout/saga";
import { TRANSITIONS } from "./lifecycle";

/**
 * Where an ADMIN may move an order from `from`: the lifecycle's moves except PAID, which only a captured payment sets
 * (checkout commits the stock with it; marking an order paid by hand would skip both).
 */
export function adminMovesFrom(from: OrderStatus): OrderStatus[] {
  return TRANSITIONS[from].filter((to) => to !== "PAID");
}

/** What `updateOrderStatus` does once the rules have spoken. */
export type StatusPlan =
  | { kind: "unchanged" }
  | { kind: "cancel" }
  | { kind: "move"; to: OrderStatus; note: string | null; trackingNumber: string | null };

const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{2,62}[A-Za-z0-9]$/;

/** A tracking number as stored (trimmed), null when none was given; BAD_USER_INPUT on `trackingNumber` if malformed. */
export function parseTrackingNumber(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!TRACKING_NUMBER.test(trimmed)) {
    throw badUserInput("trackingNumber", "must be 4 to 64 letters, digits, spaces or dashes, starting and ending with a letter or digit");
  }
  return trimmed;
}

/**
 * The rules of `updateOrderStatus` for an order in its current state: the move must be one the lifecycle allows an
 * ADMIN (else BAD_USER_INPUT on `status` naming the allowed next states), SHIPPED needs a tracking number and nothing
 * else takes one (BAD_USER_INPUT on `trackingNumber`). Asking for the status the order already has is a no-op, so an
 * admin tool may retry safely.
 */
export function planStatusChange(
  order: Pick<OrderModel, "status" | "trackingNumber">,
  to: OrderStatus,
  trackingNumberArg: string | null | undefined,
): StatusPlan {
  const trackingNumber = parseTrackingNumber(trackingNumberArg);
  if (trackingNumber && to !== "SHIPPED") throw badUserInput("trackingNumber", `only SHIPPED takes a tracking number, not ${to}`);
  if (order.status === to) {
    if (trackingNumber && trackingNumber !== order.trackingNumber) {
      throw badUserInput("trackingNumber", `the order already shipped with tracking number ${order.trackingNumber}`);
    }
    return { kind: "unchanged" };
  }
  const allowed = adminMovesFrom(order.status);
  if (!allowed.includes(to)) {
    const next = allowed.length > 0 ? `allowed next states: ${allowed.join(", ")}` : `${order.status} is final: no next state`;
    const why = to === "PAID" ? " (PAID is set by checkout when the payment succeeds)" : "";
    throw badUserInput("status", `cannot move an order from ${order.status} to ${to}${why}; ${next}`);
  }
  if (to === "CANCELLED") return { kind: "cancel" };
  if (to === "SHIPPED") {
    if (!trackingNumber) throw badUserInput("trackingNumber", "SHIPPED needs the carrier's tracking number");
    return { kind: "move", to, note: `Shipped with tracking number ${trackingNumber}`, trackingNumber };
  }
  return { kind: "move", to, note: null, trackingNumber: null };
}

async function load(deps: SagaDeps, orderId: string): Promise<OrderModel | undefined> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

/**
 * `updateOrderStatus` (ADMIN): CANCELLED goes through `cancelOrder` (refund and stock return where due); every other
 * move is one guarded `transition`, which writes the timeline event and the outbox row (live subscribers) with it.
 */
export async function updateOrderStatus(
  deps: SagaDeps,
  viewerArg: Viewer | null,
  idArg: string,
  status: OrderStatus,
  trackingNumberArg: string | null | undefined,
): Promise<OrderModel> {
  const viewer = requireAdmin(viewerArg);
  const orderId = parseId(idArg, "id");
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
  // Someone else changed the order between our read and our guarded UPDATE: answer as if we had read their change.
  if (planStatusChange(after, status, trackingNumberArg).kind === "unchanged") return after;
  throw conflict("status", `the order changed meanwhile (it is ${after.status} now): retry`);
}
