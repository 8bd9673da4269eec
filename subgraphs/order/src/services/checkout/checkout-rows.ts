import { and, eq, sql as drizzleSql } from "drizzle-orm";
import type { OrderDatabase, OrderSql, OrderTransaction } from "../../db/database";
import { checkouts } from "../../db/schema";
import type { CheckoutOutcome } from "./outcomes";

// The checkout rows: the idempotency record and the saga log at once. The statements of the hot path are written
// against postgres.js directly (prepared once by their text, nothing rebuilt per call); `move` stays in drizzle for
// the transactions of the compensation paths.

/** A checkout as the saga carries it between steps: the row as its last write returned it. */
export type CheckoutRow = typeof checkouts.$inferSelect;

/** What a checkout row holds before its first step; the saga fills the rest. */
export type NewCheckout = Pick<
  CheckoutRow,
  "orderId" | "userId" | "idempotencyKey" | "requestHash" | "cartHash" | "shippingAddress" | "paymentToken"
> &
  Partial<Pick<CheckoutRow, "lines" | "currency">>;

/** Columns of a checkout row, as the saga carries it (CheckoutRow). */
export const CHECKOUT_COLUMNS = `order_id, user_id, idempotency_key, request_hash, cart_hash, step, lines, currency, shipping_address,
  payment_token, result, lease_until, charge_attempted_at, commit_failures, created_at, updated_at`;

export interface CheckoutRecord {
  order_id: string;
  user_id: string;
  idempotency_key: string;
  request_hash: string;
  cart_hash: string | null;
  step: CheckoutRow["step"];
  lines: CheckoutRow["lines"];
  currency: string | null;
  shipping_address: CheckoutRow["shippingAddress"];
  payment_token: string;
  result: CheckoutRow["result"];
  lease_until: Date | null;
  charge_attempted_at: Date | null;
  commit_failures: number;
  created_at: Date;
  updated_at: Date;
}

export function toRow(record: CheckoutRecord): CheckoutRow {
  return {
    orderId: record.order_id,
    userId: record.user_id,
    idempotencyKey: record.idempotency_key,
    requestHash: record.request_hash,
    cartHash: record.cart_hash,
    step: record.step,
    lines: record.lines,
    currency: record.currency,
    shippingAddress: record.shipping_address,
    paymentToken: record.payment_token,
    result: record.result,
    leaseUntil: record.lease_until,
    chargeAttemptedAt: record.charge_attempted_at,
    commitFailures: record.commit_failures,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

/**
 * Claims (user, idempotencyKey) for a saga: one INSERT, which the unique index on the key and the partial unique
 * index on the user's unfinished checkouts decide. Returns the new row, or null when the key is taken or another
 * checkout of this customer is in flight (the caller reads which).
 */
export async function claim(sql: OrderSql, values: NewCheckout): Promise<CheckoutRow | null> {
  const [row] = await sql<CheckoutRecord[]>`
    insert into checkouts (order_id, user_id, idempotency_key, request_hash, cart_hash, lines, currency, shipping_address,
                           payment_token, step)
    values (${values.orderId}, ${values.userId}, ${values.idempotencyKey}, ${values.requestHash}, ${values.cartHash},
            ${jsonText(values.lines)}::jsonb, ${values.currency ?? null}, ${jsonText(values.shippingAddress)}::jsonb,
            ${values.paymentToken}, 'STARTED')
    on conflict do nothing
    returning ${sql.unsafe(CHECKOUT_COLUMNS)}`;
  return row ? toRow(row) : null;
}

/**
 * Records an answer given without a saga (an empty or sold-out cart): one INSERT of a FAILED row holding the answer,
 * so a replay of the key answers the same. Like a claim it waits for no one: nothing is written when the key is
 * taken or another checkout of this customer is in flight. Returns whether the answer was recorded.
 */
export async function recordAnswer(sql: OrderSql, values: NewCheckout, outcome: CheckoutOutcome): Promise<boolean> {
  const rows = await sql`
    insert into checkouts (order_id, user_id, idempotency_key, request_hash, cart_hash, lines, currency, shipping_address,
                           payment_token, step, result)
    select ${values.orderId}, ${values.userId}, ${values.idempotencyKey}, ${values.requestHash}, ${values.cartHash},
           ${jsonText(values.lines)}::jsonb, ${values.currency ?? null}, ${jsonText(values.shippingAddress)}::jsonb,
           ${values.paymentToken}, 'FAILED', ${jsonText(outcome)}::jsonb
    where not exists (select 1 from checkouts where user_id = ${values.userId} and step not in ('COMPLETED', 'FAILED'))
    on conflict do nothing
    returning order_id`;
  return rows.length === 1;
}

/** A value as JSON text for a `::jsonb` parameter (postgres.js would send an array as a PostgreSQL array). */
const jsonText = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The checkout of (user, key), if any. */
export async function findByKey(sql: OrderSql, userId: string, idempotencyKey: string): Promise<CheckoutRow | null> {
  const [row] = await sql<CheckoutRecord[]>`
    select ${sql.unsafe(CHECKOUT_COLUMNS)} from checkouts where user_id = ${userId} and idempotency_key = ${idempotencyKey}`;
  return row ? toRow(row) : null;
}

export async function load(sql: OrderSql, orderId: string): Promise<CheckoutRow> {
  const [row] = await sql<CheckoutRecord[]>`select ${sql.unsafe(CHECKOUT_COLUMNS)} from checkouts where order_id = ${orderId}`;
  if (!row) throw new Error(`checkout ${orderId} does not exist`);
  return toRow(row);
}

/** Any step → `to` with `result` (COMPLETED or FAILED). Null when somebody else moved the checkout first. */
export async function finishCheckout(
  sql: OrderSql,
  row: CheckoutRow,
  to: "COMPLETED" | "FAILED",
  result: unknown,
): Promise<CheckoutRow | null> {
  const [moved] = await sql<CheckoutRecord[]>`
    update checkouts set step = ${to}::checkout_step, result = ${jsonText(result)}::jsonb, lease_until = null, updated_at = now()
    where order_id = ${row.orderId} and step = ${row.step}::checkout_step
    returning ${sql.unsafe(CHECKOUT_COLUMNS)}`;
  return moved ? toRow(moved) : null;
}

/**
 * Moves a checkout on from the step `row` was read at, writing `values` with it, inside a drizzle transaction;
 * returns the row as written, or null when somebody else moved it first (a duplicate advancer: recovery and a live
 * request racing). The conditional UPDATE is what makes every step happen once.
 */
export async function move(
  db: OrderDatabase | OrderTransaction,
  row: CheckoutRow,
  to: CheckoutRow["step"],
  values: Partial<CheckoutRow> = {},
): Promise<CheckoutRow | null> {
  const [moved] = await db
    .update(checkouts)
    .set({ ...values, step: to, leaseUntil: null, updatedAt: drizzleSql`now()` })
    .where(and(eq(checkouts.orderId, row.orderId), eq(checkouts.step, row.step)))
    .returning();
  return moved ?? null;
}

// ---- The charge's lease -----------------------------------------------------------------------------------------

/** `ms` as a PostgreSQL interval parameter. */
const leaseInterval = (ms: number) => `${ms} milliseconds`;

/**
 * ORDERED, before the live request asks the provider: takes the checkout's lease and records the payment attempt, in
 * one statement. Null when the checkout moved on or somebody else holds a live lease (a recovery round took it over):
 * then the live request must not charge.
 */
export async function takeChargeLease(sql: OrderSql, row: CheckoutRow, leaseMs: number): Promise<CheckoutRow | null> {
  const [leased] = await sql<CheckoutRecord[]>`
    update checkouts set lease_until = now() + ${leaseInterval(leaseMs)}::interval,
                         charge_attempted_at = coalesce(charge_attempted_at, now())
    where order_id = ${row.orderId} and step = 'ORDERED' and (lease_until is null or lease_until <= now())
    returning ${sql.unsafe(CHECKOUT_COLUMNS)}`;
  return leased ? toRow(leased) : null;
}

/**
 * Keeps the lease of a checkout whose charge is running: renews it every third of `leaseMs` while it is still live.
 * A lease that lapsed (the process stalled longer than `leaseMs`) is not taken back: recovery may have taken over,
 * and the saga refunds the charge should it land on a cancelled order. `stop` when the provider has answered.
 */
export function holdLease(sql: OrderSql, orderId: string, leaseMs: number, onError: (error: unknown) => void) {
  const timer = setInterval(
    () => {
      sql`update checkouts set lease_until = now() + ${leaseInterval(leaseMs)}::interval
        where order_id = ${orderId} and step = 'ORDERED' and lease_until > now()`.catch(onError);
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Counts a failed commit of a CHARGED checkout; answers the failures so far, or null when the checkout moved on
 * (another advancer committed it).
 */
export async function countCommitFailure(sql: OrderSql, row: CheckoutRow): Promise<number | null> {
  const [counted] = await sql<{ commit_failures: number }[]>`
    update checkouts set commit_failures = commit_failures + 1
    where order_id = ${row.orderId} and step = 'CHARGED'
    returning commit_failures`;
  return counted ? counted.commit_failures : null;
}
