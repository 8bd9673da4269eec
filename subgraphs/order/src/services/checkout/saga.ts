import { sql } from "drizzle-orm";
import { inSpan, type Logger } from "@shop/runtime";
import type { OrderDatabase, OrderSql, OrderTransaction } from "../../db/database";
import { payments } from "../../db/schema";
import type { Siblings } from "../../siblings";
import { orderTotal } from "../money";
import { transition } from "../order-status";
import { PaymentUnavailableError, type PaymentProvider } from "../payments/provider";
import { crashPoint } from "./crash-points";
import type { SoldOutHints } from "./sold-out-hints";
import { countCommitFailure, finishCheckout, holdLease, load, move, takeChargeLease, type CheckoutRow } from "./checkout-rows";
import { markPaid, placeOrder, recordCharge } from "./saga-statements";
import { declined, insufficientStock, interrupted, paymentUnavailable, type CheckoutOutcome } from "./outcomes";

export interface SagaDeps {
  db: OrderDatabase;
  /** The same database through postgres.js: the paid path's one-statement steps. */
  sql: OrderSql;
  siblings: Siblings;
  payments: PaymentProvider;
  reservationTtlSeconds: number;
  /** Products this process saw refused: checkout asks the counters first when a cart holds one. */
  soldOut: SoldOutHints;
  /** The live charge's lease, renewed every third of it while the provider call runs (recovery leaves it alone). */
  chargeLeaseMs: number;
  /** Failed commits of a charged checkout after which it is refunded and cancelled instead of retried. */
  commitMaxAttempts: number;
  log: Logger;
}

/** "live": the customer waits, so payment is attempted. "recovery": the owner died; only finish or undo. */
export type SagaMode = "live" | "recovery";

/**
 * Drives one checkout from the step it is at to COMPLETED or FAILED. Every step is idempotent on the order id
 * (reservation, order row, charge, commit, cart), and each step change is a conditional UPDATE returning the row as
 * written, so a live request and a recovery job racing on the same checkout cannot do anything twice. A step answers
 * the row it wrote, or null when somebody else moved the checkout first: only then is the row read again.
 */
export function advance(deps: SagaDeps, start: CheckoutRow, mode: SagaMode): Promise<CheckoutOutcome> {
  return inSpan(`checkout saga (${mode})`, { attributes: { "order.id": start.orderId, "checkout.step": start.step } }, async (span) => {
    const outcome = await runSteps(deps, start, mode);
    span.setAttribute("checkout.outcome", outcome.kind);
    return outcome;
  });
}

async function runSteps(deps: SagaDeps, start: CheckoutRow, mode: SagaMode): Promise<CheckoutOutcome> {
  let row: CheckoutRow | null = start;
  for (;;) {
    row ??= await load(deps.sql, start.orderId);
    switch (row.step) {
      case "COMPLETED":
      case "FAILED":
        return row.result as CheckoutOutcome;
      case "STARTED":
        row = await (mode === "live" ? reserveAndOrder(deps, row) : undoUnordered(deps, row));
        break;
      case "ORDERED": {
        const charged = await charge(deps, row, mode);
        if (charged === WAIT_FOR_PROVIDER) return recoveryLater(row);
        if (charged === TAKEN_OVER) return takenOver(row);
        row = charged;
        break;
      }
      case "CHARGED":
        row = await commit(deps, row);
        break;
      case "PAID":
        await deps.siblings.consumeCartLines(row.userId, row.orderId, row.lines!);
        row = await finish(deps, row, "COMPLETED", { kind: "Order", orderId: row.orderId });
        break;
    }
  }
}

/** `advance` for a checkout known only by its order id (recovery). */
export async function resume(deps: SagaDeps, orderId: string, mode: SagaMode): Promise<CheckoutOutcome> {
  return advance(deps, await load(deps.sql, orderId), mode);
}

function finish(deps: SagaDeps, row: CheckoutRow, to: "COMPLETED" | "FAILED", outcome: CheckoutOutcome) {
  return finishCheckout(deps.sql, row, to, outcome);
}

function recoveryLater(row: CheckoutRow): CheckoutOutcome {
  return interrupted(`Checkout ${row.orderId} is waiting for the payment provider; it will be finished or undone.`);
}

function takenOver(row: CheckoutRow): CheckoutOutcome {
  return interrupted(`Checkout ${row.orderId} was taken over by recovery before it was charged; it will be finished or undone.`);
}

/**
 * STARTED → reserve all lines or none (priced when the checkout was claimed), then create the order
 * PENDING_PAYMENT in the transaction that moves the step.
 */
async function reserveAndOrder(deps: SagaDeps, row: CheckoutRow): Promise<CheckoutRow | null> {
  const lines = row.lines!;
  const reservation = await deps.siblings.reserveStock(row.orderId, lines, deps.reservationTtlSeconds);
  if (reservation.state !== "HELD") {
    const items =
      reservation.shortages.length > 0
        ? reservation.shortages
        : lines.map((l) => ({ productId: l.productId, requested: l.quantity, available: 0 }));
    deps.soldOut.note(items.map((item) => item.productId));
    return finish(deps, row, "FAILED", insufficientStock(items));
  }
  crashPoint("after-reserve");
  // The step move is the gate: if recovery already gave this checkout up, no order row may appear.
  const ordered = await placeOrder(deps.sql, row);
  if (!ordered) {
    await deps.siblings.releaseReservation(row.orderId);
    return null;
  }
  crashPoint("after-order");
  return ordered;
}

/**
 * Recovery of a checkout that died before its order row: close it first (so a late live step cannot place the
 * order), then give back whatever was reserved. Should the release fail, the inventory sweeper frees it at its TTL.
 */
async function undoUnordered(deps: SagaDeps, row: CheckoutRow): Promise<CheckoutRow | null> {
  const closed = await finish(
    deps,
    row,
    "FAILED",
    interrupted("The checkout was interrupted before the order was placed; nothing was charged. Check out again."),
  );
  if (closed) await deps.siblings.releaseReservation(row.orderId);
  return closed;
}

/** What `charge` answers in recovery when the provider cannot say yet whether the order was charged. */
const WAIT_FOR_PROVIDER = Symbol("wait for the provider");
/** What `charge` answers live when a recovery round holds the checkout: it must not be charged from here. */
const TAKEN_OVER = Symbol("taken over by recovery");

/**
 * ORDERED → charge (live) or ask the provider what happened (recovery).
 *
 * Live, the charge runs under the checkout's lease, taken with the payment attempt recorded before the provider is
 * called and renewed while the call runs, so recovery does not take the checkout over meanwhile. Should the lease
 * lapse all the same (the process stalled), recovery may cancel the order before the charge lands: the answer then
 * finds the checkout moved on, and a charge is refunded here (`refundLateCharge`).
 */
async function charge(
  deps: SagaDeps,
  row: CheckoutRow,
  mode: SagaMode,
): Promise<CheckoutRow | null | typeof WAIT_FOR_PROVIDER | typeof TAKEN_OVER> {
  const amount = orderTotal(row.lines!);
  let result;
  try {
    if (mode === "live") {
      const leased = await takeChargeLease(deps.sql, row, deps.chargeLeaseMs);
      if (!leased) return (await load(deps.sql, row.orderId)).step === "ORDERED" ? TAKEN_OVER : null;
      const lease = holdLease(deps.sql, row.orderId, deps.chargeLeaseMs, (error) =>
        deps.log.warn({ orderId: row.orderId, err: error }, "could not renew the checkout's charge lease"),
      );
      try {
        result = await deps.payments.charge({ orderId: row.orderId, amount, currency: row.currency!, token: row.paymentToken });
      } finally {
        lease.stop();
      }
    } else {
      result = await deps.payments.findCharge(row.orderId);
    }
  } catch (error) {
    if (!(error instanceof PaymentUnavailableError)) throw error;
    if (mode === "recovery") return WAIT_FOR_PROVIDER;
    deps.log.warn({ orderId: row.orderId, err: error }, "payment provider unavailable; cancelling the order");
    return compensate(
      deps,
      row,
      { status: "FAILED", reason: "Payment provider unavailable", settled: false },
      paymentUnavailable(row.orderId),
    );
  }
  if (result === null) {
    if (row.chargeAttemptedAt) {
      // A charge was asked for and has not landed: it may still land (a stalled live request), so the payment stays
      // unsettled, and the settlement round asks the provider again and refunds a charge it finds.
      return compensate(
        deps,
        row,
        { status: "FAILED", reason: "The charge did not complete before the checkout was taken over", settled: false },
        interrupted("The payment did not complete in time; the order was cancelled. Should the charge still go through, it is refunded."),
      );
    }
    return compensate(
      deps,
      row,
      null,
      interrupted("The checkout was interrupted before payment; the order was cancelled and nothing was charged."),
    );
  }
  crashPoint("after-charge");
  if (result.status === "DECLINED") {
    return compensate(
      deps,
      row,
      { status: "DECLINED", reason: result.reason, chargeId: result.chargeId, settled: true },
      declined(row.orderId, result.reason),
    );
  }
  const charged = await recordCharge(deps.sql, row, { provider: deps.payments.name, chargeId: result.chargeId });
  crashPoint("after-charge-recorded");
  if (charged || mode === "recovery") return charged;
  const now = await load(deps.sql, row.orderId);
  if (now.step === "FAILED") await refundLateCharge(deps, now, result.chargeId);
  return now;
}

/**
 * A live charge that landed after recovery had cancelled the order (its lease lapsed): the customer must not pay for
 * it. The payment is marked unsettled first, so that a crash before the refund leaves it to the settlement round.
 */
async function refundLateCharge(deps: SagaDeps, row: CheckoutRow, chargeId: string): Promise<void> {
  const reason = "Charged after the order was cancelled; refunded";
  deps.log.warn({ orderId: row.orderId }, "a charge landed on a cancelled order; refunding it");
  await recordPayment(deps.db, row, deps.payments.name, { status: "SUCCEEDED", reason, chargeId, settled: false });
  await deps.payments.refund(row.orderId);
  await recordPayment(deps.db, row, deps.payments.name, { status: "REFUNDED", reason, chargeId, settled: true });
}

/**
 * CHARGED → commit the reservation (on-hand decremented) and mark the order PAID, in that order. Every failure is
 * counted on the checkout; at `commitMaxAttempts` it is given up (`giveUpCommit`) instead of retried for ever.
 */
async function commit(deps: SagaDeps, row: CheckoutRow): Promise<CheckoutRow | null> {
  let reservation;
  try {
    reservation = await deps.siblings.commitReservation(row.orderId);
    if (reservation.state === "COMMITTED") {
      // cancelOrder refuses orders whose checkout is in flight, so only a duplicate advancer can have moved it.
      return await markPaid(deps.sql, row);
    }
  } catch (error) {
    const failures = await countCommitFailure(deps.sql, row);
    if (failures === null) return null;
    if (failures < deps.commitMaxAttempts) throw error;
    deps.log.error(
      { orderId: row.orderId, failures, err: error },
      "checkout stuck at CHARGED: its commit failed every time; refunding the payment and cancelling the order",
    );
    return giveUpCommit(deps, row);
  }
  // The hold expired before payment completed and its units may be sold: give the money back.
  await deps.payments.refund(row.orderId);
  return compensate(
    deps,
    row,
    { status: "REFUNDED", reason: "Stock reservation expired before payment completed", settled: true },
    interrupted("The stock reservation expired before the payment completed; the payment was refunded."),
  );
}

/** A charged checkout whose commit kept failing: the customer gets the money back and the order is cancelled. */
async function giveUpCommit(deps: SagaDeps, row: CheckoutRow): Promise<CheckoutRow | null> {
  await deps.payments.refund(row.orderId);
  return compensate(
    deps,
    row,
    { status: "REFUNDED", reason: "The payment could not be completed; refunded", settled: true },
    interrupted("The order could not be completed after the payment; the payment was refunded and the order cancelled."),
  );
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
): Promise<CheckoutRow | null> {
  // A reservation committed by a commit whose order then could not be marked PAID has left on-hand: put it back.
  const released = await deps.siblings.releaseReservation(row.orderId);
  if (released.state === "COMMITTED") await deps.siblings.returnStock(row.orderId);
  const note = payment?.reason ?? (outcome.kind === "Interrupted" ? outcome.message : null);
  return deps.db.transaction(async (tx) => {
    await transition(tx, { id: row.orderId, userId: row.userId }, "CANCELLED", note);
    if (payment) await recordPayment(tx, row, deps.payments.name, payment);
    return move(tx, row, "FAILED", { result: outcome });
  });
}

/** The order's payment record, inserted or brought up to date (one row per order). */
async function recordPayment(
  db: OrderDatabase | OrderTransaction,
  row: CheckoutRow,
  provider: string,
  payment: { status: "SUCCEEDED" | "DECLINED" | "FAILED" | "REFUNDED"; reason: string; chargeId?: string; settled: boolean },
): Promise<void> {
  await db
    .insert(payments)
    .values({
      orderId: row.orderId,
      provider,
      chargeId: payment.chargeId ?? null,
      status: payment.status,
      reason: payment.reason,
      amount: orderTotal(row.lines!),
      currency: row.currency!,
      settled: payment.settled,
    })
    .onConflictDoUpdate({
      target: payments.orderId,
      set: {
        status: payment.status,
        reason: payment.reason,
        settled: payment.settled,
        chargeId: sql`coalesce(excluded.charge_id, ${payments.chargeId})`,
        updatedAt: sql`now()`,
      },
    });
}
