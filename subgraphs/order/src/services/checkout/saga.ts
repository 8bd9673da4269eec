import { and, eq, sql } from "drizzle-orm";
import type { Logger } from "@shop/runtime";
import type { OrderDatabase } from "../../db/database";
import { checkouts, orders, payments } from "../../db/schema";
import type { Siblings } from "../../siblings";
import { orderTotal } from "../money";
import { insertOrder, type NewOrderLine } from "../orders";
import { transition } from "../order-status";
import { PaymentUnavailableError, type PaymentProvider } from "../payments/provider";
import { crashPoint } from "./crash-points";
import { cartFingerprint } from "./fingerprint";
import { declined, EMPTY_CART, insufficientStock, interrupted, paymentUnavailable, type CheckoutOutcome } from "./outcomes";

export interface SagaDeps {
  db: OrderDatabase;
  siblings: Siblings;
  payments: PaymentProvider;
  reservationTtlSeconds: number;
  log: Logger;
}

/** "live": the customer waits, so payment is attempted. "recovery": the owner died; only finish or undo. */
export type SagaMode = "live" | "recovery";

type CheckoutRow = typeof checkouts.$inferSelect;

/**
 * Drives one checkout from the step it is at to COMPLETED or FAILED. Every step is idempotent on the order id
 * (reservation, order row, charge, commit, cart), and each step change is a conditional UPDATE, so a live request
 * and a recovery job racing on the same checkout cannot do anything twice.
 */
export async function advance(deps: SagaDeps, orderId: string, mode: SagaMode): Promise<CheckoutOutcome> {
  for (;;) {
    const row = await load(deps.db, orderId);
    switch (row.step) {
      case "COMPLETED":
      case "FAILED":
        return row.result as CheckoutOutcome;
      case "STARTED":
        await (mode === "live" ? reserveAndOrder(deps, row) : undoUnordered(deps, row));
        break;
      case "ORDERED":
        if (!(await charge(deps, row, mode))) return recoveryLater(row);
        break;
      case "CHARGED":
        await commit(deps, row);
        break;
      case "PAID":
        await deps.siblings.consumeCartLines(row.userId, row.orderId, row.lines!);
        await finish(deps.db, row, "COMPLETED", { kind: "Order", orderId: row.orderId });
        break;
    }
  }
}

async function load(db: OrderDatabase, orderId: string): Promise<CheckoutRow> {
  const [row] = await db.select().from(checkouts).where(eq(checkouts.orderId, orderId));
  if (!row) throw new Error(`checkout ${orderId} does not exist`);
  return row;
}

/** Moves the saga on only if nobody else did; returns whether this caller made the move. */
async function step(db: OrderDatabase, row: CheckoutRow, to: CheckoutRow["step"], values: Partial<CheckoutRow> = {}) {
  const moved = await db
    .update(checkouts)
    .set({ ...values, step: to, updatedAt: sql`now()` })
    .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, row.step)))
    .returning({ orderId: checkouts.orderId });
  return moved.length === 1;
}

function finish(db: OrderDatabase, row: CheckoutRow, to: "COMPLETED" | "FAILED", outcome: CheckoutOutcome) {
  return step(db, row, to, { result: outcome });
}

function recoveryLater(row: CheckoutRow): CheckoutOutcome {
  return interrupted(`Checkout ${row.orderId} is waiting for the payment provider; it will be finished or undone.`);
}

/** STARTED → read the cart at current prices, reserve all lines or none, then create the order PENDING_PAYMENT. */
async function reserveAndOrder(deps: SagaDeps, row: CheckoutRow) {
  const cart = await deps.siblings.cartLines(row.userId);
  if (cart.length === 0) return finish(deps.db, row, "FAILED", EMPTY_CART);
  const snapshots = await deps.siblings.productSnapshots(cart.map((line) => line.productId));
  const unsellable = cart.filter((line, index) => snapshots[index]?.status !== "ACTIVE");
  if (unsellable.length > 0) {
    return finish(
      deps.db,
      row,
      "FAILED",
      insufficientStock(unsellable.map((line) => ({ ...line, requested: line.quantity, available: 0 }))),
    );
  }
  const currencies = new Set(snapshots.map((snapshot) => snapshot!.currency));
  if (currencies.size > 1) {
    return finish(deps.db, row, "FAILED", interrupted("The cart mixes currencies; check out one currency at a time."));
  }
  const lines: NewOrderLine[] = cart.map((line, index) => ({
    productId: line.productId,
    title: snapshots[index]!.title,
    unitPriceAmount: snapshots[index]!.priceAmount,
    quantity: line.quantity,
  }));
  const currency = [...currencies][0]!;
  await deps.db
    .update(checkouts)
    .set({ lines, currency, cartHash: cartFingerprint(lines), updatedAt: sql`now()` })
    .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, "STARTED")));

  const reservation = await deps.siblings.reserveStock(row.orderId, lines, deps.reservationTtlSeconds);
  if (reservation.state !== "HELD") {
    const items =
      reservation.shortages.length > 0
        ? reservation.shortages
        : lines.map((l) => ({ productId: l.productId, requested: l.quantity, available: 0 }));
    return finish(deps.db, row, "FAILED", insufficientStock(items));
  }
  crashPoint("after-reserve");
  // The step move is the gate: if recovery already gave this checkout up, no order row may appear.
  const ordered = await deps.db.transaction(async (tx) => {
    const moved = await tx
      .update(checkouts)
      .set({ step: "ORDERED", updatedAt: sql`now()` })
      .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, "STARTED")))
      .returning({ orderId: checkouts.orderId });
    if (moved.length === 0) return false;
    await insertOrder(tx, {
      id: row.orderId,
      userId: row.userId,
      status: "PENDING_PAYMENT",
      currency,
      lines,
      shippingAddress: row.shippingAddress,
    });
    return true;
  });
  if (!ordered) {
    await deps.siblings.releaseReservation(row.orderId);
    return;
  }
  crashPoint("after-order");
}

/**
 * Recovery of a checkout that died before its order row: close it first (so a late live step cannot place the
 * order), then give back whatever was reserved. Should the release fail, the inventory sweeper frees it at its TTL.
 */
async function undoUnordered(deps: SagaDeps, row: CheckoutRow) {
  const closed = await finish(
    deps.db,
    row,
    "FAILED",
    interrupted("The checkout was interrupted before the order was placed; nothing was charged. Check out again."),
  );
  if (closed) await deps.siblings.releaseReservation(row.orderId);
}

/**
 * ORDERED → charge (live) or ask the provider what happened (recovery). Returns false when recovery must wait for
 * the provider to answer.
 */
async function charge(deps: SagaDeps, row: CheckoutRow, mode: SagaMode): Promise<boolean> {
  const amount = orderTotal(row.lines!);
  let result;
  try {
    result =
      mode === "live"
        ? await deps.payments.charge({ orderId: row.orderId, amount, currency: row.currency!, token: row.paymentToken })
        : await deps.payments.findCharge(row.orderId);
  } catch (error) {
    if (!(error instanceof PaymentUnavailableError)) throw error;
    if (mode === "recovery") return false;
    deps.log.warn({ orderId: row.orderId, err: error }, "payment provider unavailable; cancelling the order");
    await compensate(
      deps,
      row,
      { status: "FAILED", reason: "Payment provider unavailable", settled: false },
      paymentUnavailable(row.orderId),
    );
    return true;
  }
  if (result === null) {
    await compensate(
      deps,
      row,
      null,
      interrupted("The checkout was interrupted before payment; the order was cancelled and nothing was charged."),
    );
    return true;
  }
  crashPoint("after-charge");
  if (result.status === "DECLINED") {
    await compensate(
      deps,
      row,
      { status: "DECLINED", reason: result.reason, chargeId: result.chargeId, settled: true },
      declined(row.orderId, result.reason),
    );
    return true;
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(payments)
      .values({
        orderId: row.orderId,
        provider: deps.payments.name,
        chargeId: result.chargeId,
        status: "SUCCEEDED",
        amount,
        currency: row.currency!,
      })
      .onConflictDoNothing();
    await tx
      .update(checkouts)
      .set({ step: "CHARGED", updatedAt: sql`now()` })
      .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, "ORDERED")));
  });
  crashPoint("after-charge-recorded");
  return true;
}

/** CHARGED → commit the reservation (on-hand decremented) and mark the order PAID, in that order. */
async function commit(deps: SagaDeps, row: CheckoutRow) {
  const reservation = await deps.siblings.commitReservation(row.orderId);
  if (reservation.state !== "COMMITTED") {
    // The hold expired before payment completed and its units may be sold: give the money back.
    await deps.payments.refund(row.orderId);
    await compensate(
      deps,
      row,
      { status: "REFUNDED", reason: "Stock reservation expired before payment completed", settled: true },
      interrupted("The stock reservation expired before the payment completed; the payment was refunded."),
    );
    return;
  }
  await deps.db.transaction(async (tx) => {
    // cancelOrder refuses orders whose checkout is in flight, so only a duplicate advancer can have moved it.
    const moved = await transition(tx, { id: row.orderId, userId: row.userId }, "PAID", null);
    const [order] = moved ? [] : await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, row.orderId));
    if (!moved && order?.status !== "PAID") throw new Error(`order ${row.orderId} is ${order?.status}, cannot be PAID`);
    await tx
      .update(checkouts)
      .set({ step: "PAID", updatedAt: sql`now()` })
      .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, "CHARGED")));
  });
}

/**
 * Undo after a decline, an outage or an interruption: release the stock, then in one transaction cancel the order
 * (with its reason on the timeline), record the payment and close the checkout. The cart is left as it was.
 */
async function compensate(
  deps: SagaDeps,
  row: CheckoutRow,
  payment: { status: "DECLINED" | "FAILED" | "REFUNDED"; reason: string; chargeId?: string; settled: boolean } | null,
  outcome: CheckoutOutcome,
) {
  await deps.siblings.releaseReservation(row.orderId);
  const note = payment?.reason ?? (outcome.kind === "Interrupted" ? outcome.message : null);
  await deps.db.transaction(async (tx) => {
    await transition(tx, { id: row.orderId, userId: row.userId }, "CANCELLED", note);
    if (payment) {
      await tx
        .insert(payments)
        .values({
          orderId: row.orderId,
          provider: deps.payments.name,
          chargeId: payment.chargeId ?? null,
          status: payment.status,
          reason: payment.reason,
          amount: orderTotal(row.lines!),
          currency: row.currency!,
          settled: payment.settled,
        })
        .onConflictDoUpdate({
          target: payments.orderId,
          set: { status: payment.status, reason: payment.reason, settled: payment.settled, updatedAt: sql`now()` },
        });
    }
    await tx
      .update(checkouts)
      .set({ step: "FAILED", result: outcome, updatedAt: sql`now()` })
      .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, row.step)));
  });
}
