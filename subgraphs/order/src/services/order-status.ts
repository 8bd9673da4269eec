import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { badUserInput, conflict, type Viewer } from "@shop/runtime";
import type { OrderTransaction } from "../db/database";
import { orders } from "../db/schema";
import type { OrderModel, OrderStatus } from "../models";
import { sourcesOf, TRANSITIONS } from "./lifecycle";
import { recordStatusChange } from "./outbox";

// The status rules beyond the lifecycle's table (lifecycle.ts): what an ADMIN may set and what each role may cancel;
// and `transition`, the one guarded write through which checkout, cancelOrder and updateOrderStatus change a status.

/**
 * Where an ADMIN may move an order from `from`: the lifecycle's moves except PAID, which only a captured payment sets
 * (checkout commits the stock with it; marking an order paid by hand would skip both).
 */
export function adminMovesFrom(from: OrderStatus): OrderStatus[] {
  return TRANSITIONS[from].filter((to) => to !== "PAID");
}

/** What `updateOrderStatus` does once the rules have spoken. */
export type StatusPlan =
  { kind: "unchanged" } | { kind: "cancel" } | { kind: "move"; to: OrderStatus; note: string | null; trackingNumber: string | null };

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
 * else takes one (BAD_USER_INPUT on `trackingNumber`). Once a cancellation is recorded the order may only become
 * CANCELLED: any other move is a CONFLICT on `status`. Asking for the status the order already has is a no-op, so an
 * admin tool may retry safely.
 */
export function planStatusChange(
  order: Pick<OrderModel, "status" | "trackingNumber" | "cancelRequestedAt">,
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
  if (order.cancelRequestedAt !== null && order.status !== "CANCELLED" && to !== "CANCELLED") {
    throw conflict("status", `the order is being cancelled (refund and stock return under way): it cannot become ${to}`);
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

/** What each role may cancel: customers before packing, staff until shipping (docs/architecture.md#order-lifecycle). */
export const CANCELLABLE: Record<Viewer["role"], readonly OrderStatus[]> = {
  CUSTOMER: ["PENDING_PAYMENT", "PAID"],
  ADMIN: ["PENDING_PAYMENT", "PAID", "PACKED"],
};

/**
 * A guarded status change with its timeline event and outbox row; false when the order was not in a source state,
 * or when a cancellation is under way and `to` is not CANCELLED (the guard reads the order row itself, so a move
 * waiting on the row lock while the intent commits re-checks it and fails).
 */
export async function transition(
  tx: OrderTransaction,
  order: { id: string; userId: string },
  to: OrderStatus,
  note: string | null,
  extra: { trackingNumber?: string } = {},
): Promise<boolean> {
  const moved = await tx
    .update(orders)
    .set({ status: to, ...extra, updatedAt: sql`now()` })
    .where(
      and(
        eq(orders.id, order.id),
        inArray(orders.status, sourcesOf(to)),
        to === "CANCELLED" ? undefined : isNull(orders.cancelRequestedAt),
      ),
    )
    .returning({ id: orders.id });
  if (moved.length === 0) return false;
  await recordStatusChange(tx, { orderId: order.id, userId: order.userId, status: to, note });
  return true;
}
