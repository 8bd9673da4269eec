import type { OrderSql } from "../../db/database";
import type { OrderStatus } from "../../models";
import { ORDER_STATUS_CHANGED, OUTBOX_NOTIFY_CHANNEL } from "../events";
import { sourcesOf } from "../lifecycle";
import { orderTotal } from "../money";
import { CHECKOUT_COLUMNS, toRow, type CheckoutRecord, type CheckoutRow } from "./checkout-rows";

// The checkout saga's step changes on its paid path, each ONE statement: the step move and everything that goes with
// it (the order, its lines, its timeline event, the outbox row and the NOTIFY that wakes the relay, the payment
// record) are data-modifying CTEs of a single statement, atomic like a transaction at a fraction of the round trips.
// The step move's condition (`step = <where the caller read it>`) gates every other write, as in `move`.
//
// What they write is exactly what insertOrder, transition and recordStatusChange write for the other paths; the
// saga tests (tests/checkout.test.ts, tests/crash-recovery.test.ts) and the outbox tests read it back.

/**
 * The CTE `moved`: the checkout moved from `from` (the step its caller read) to `to`, as written; empty when somebody
 * else moved it first, which every other CTE of the statement is conditioned on.
 */
function movedCte(sql: OrderSql, row: CheckoutRow, from: CheckoutRow["step"], to: CheckoutRow["step"]) {
  return sql`moved as (
    update checkouts set step = ${to}::checkout_step, lease_until = null, updated_at = now()
    where order_id = ${row.orderId} and step = ${from}::checkout_step
    returning ${sql.unsafe(CHECKOUT_COLUMNS)}
  )`;
}

/**
 * CTEs recording `status` for every order in the CTE `changed` (columns id, user_id): its timeline event, the outbox
 * row with the event as published (OrderStatusChangedEvent), and one NOTIFY, which PostgreSQL delivers on commit.
 */
function recordChanges(sql: OrderSql, status: OrderStatus) {
  return sql`
    event as (
      insert into order_events (order_id, status, note)
      select id, ${status}::order_status, null from changed
      returning id, order_id, status, note, at
    ),
    queued as (
      insert into outbox (topic, aggregate_id, payload)
      select ${ORDER_STATUS_CHANGED}, event.order_id, jsonb_build_object(
        'eventId', event.id, 'orderId', event.order_id, 'userId', changed.user_id, 'status', event.status,
        'note', event.note, 'at', to_char(event.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      from event join changed on changed.id = event.order_id
      returning id
    ),
    notified as (select pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '') from queued limit 1)`;
}

/**
 * STARTED → ORDERED with the order PENDING_PAYMENT: its lines are the checkout's priced lines. Null when the
 * checkout was no longer STARTED (recovery gave it up): then no order row appears.
 */
export async function placeOrder(sql: OrderSql, row: CheckoutRow): Promise<CheckoutRow | null> {
  const [moved] = await sql<CheckoutRecord[]>`
    with ${movedCte(sql, row, "STARTED", "ORDERED")},
    changed as (
      insert into orders (id, user_id, status, currency, total_amount, shipping_address)
      select order_id, user_id, 'PENDING_PAYMENT', currency, ${orderTotal(row.lines!)}, shipping_address from moved
      returning id, user_id
    ),
    items as (
      insert into order_items (order_id, product_id, title, unit_price_amount, quantity)
      select changed.id, line."productId", line.title, line."unitPriceAmount", line.quantity
      from changed, moved,
        jsonb_to_recordset(moved.lines) as line("productId" uuid, title text, "unitPriceAmount" int, quantity int)
    ),
    ${recordChanges(sql, "PENDING_PAYMENT")}
    select moved.*, (select count(*) from notified) as notified from moved`;
  return moved ? toRow(moved) : null;
}

/** ORDERED → CHARGED with the payment recorded SUCCEEDED. Null when somebody else moved the checkout first. */
export async function recordCharge(
  sql: OrderSql,
  row: CheckoutRow,
  charge: { provider: string; chargeId: string },
): Promise<CheckoutRow | null> {
  const [moved] = await sql<CheckoutRecord[]>`
    with ${movedCte(sql, row, "ORDERED", "CHARGED")},
    recorded as (
      insert into payments (order_id, provider, charge_id, status, amount, currency)
      select order_id, ${charge.provider}, ${charge.chargeId}, 'SUCCEEDED', ${orderTotal(row.lines!)}, currency from moved
      on conflict (order_id) do nothing
    )
    select * from moved`;
  return moved ? toRow(moved) : null;
}

/**
 * CHARGED → PAID with the order moved to PAID (its timeline event and outbox row). The checkout moves only if the
 * order did, or already was PAID (a duplicate advancer got there first); any other order status is a fault: the
 * statement writes nothing and this throws. Null when somebody else moved the checkout first.
 */
export async function markPaid(sql: OrderSql, row: CheckoutRow): Promise<CheckoutRow | null> {
  const [answer] = await sql<(CheckoutRecord & { moved: boolean; order_status: OrderStatus | null })[]>`
    with changed as (
      update orders set status = 'PAID', updated_at = now()
      where id = ${row.orderId} and status::text = any(${sql.array(sourcesOf("PAID"))})
      returning id, user_id
    ),
    ${recordChanges(sql, "PAID")},
    moved as (
      update checkouts set step = 'PAID', lease_until = null, updated_at = now()
      where order_id = ${row.orderId} and step = 'CHARGED'
        and (exists (select 1 from changed) or (select status from orders where id = ${row.orderId}) = 'PAID')
      returning ${sql.unsafe(CHECKOUT_COLUMNS)}
    )
    select moved.*, moved.order_id is not null as moved, (select status from orders where id = ${row.orderId}) as order_status,
      (select count(*) from notified) as notified
    from (select 1) as one left join moved on true`;
  if (answer!.moved) return toRow(answer!);
  const orderStatus = answer!.order_status;
  if (orderStatus !== "PAID" && orderStatus !== "PENDING_PAYMENT") {
    throw new Error(`order ${row.orderId} is ${orderStatus}, cannot be PAID`);
  }
  return null;
}
