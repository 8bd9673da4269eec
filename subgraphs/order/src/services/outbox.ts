import { sql } from "drizzle-orm";
import type { OrderTransaction } from "../db/database";
import { orderEvents, outbox } from "../db/schema";
import type { OrderStatus } from "../models";
import { ORDER_STATUS_CHANGED, OUTBOX_NOTIFY_CHANNEL, type OrderStatusChangedEvent } from "./events";

export interface StatusChange {
  orderId: string;
  /** The order's owner: live subscribers of `myOrderUpdates` filter on it. */
  userId: string;
  status: OrderStatus;
  note?: string | null;
  /** When it happened; defaults to the transaction's time (the seed backdates demo history). */
  at?: Date;
}

/**
 * Appends the timeline event and its outbox row inside the caller's transaction, so the event is published exactly
 * when the change commits and never for a change that rolled back. Returns the event as it will be published.
 */
export async function recordStatusChange(
  tx: OrderTransaction,
  change: StatusChange,
): Promise<OrderStatusChangedEvent & { outboxId: number }> {
  const [event] = await tx
    .insert(orderEvents)
    .values({ orderId: change.orderId, status: change.status, note: change.note ?? null, ...(change.at ? { at: change.at } : {}) })
    .returning();
  const payload: OrderStatusChangedEvent = {
    eventId: event!.id,
    orderId: change.orderId,
    userId: change.userId,
    status: change.status,
    note: event!.note,
    at: event!.at.toISOString(),
  };
  const [row] = await tx
    .insert(outbox)
    .values({ topic: ORDER_STATUS_CHANGED, aggregateId: change.orderId, payload: { ...payload } })
    .returning({ id: outbox.id });
  await notifyOutbox(tx);
  return { ...payload, outboxId: row!.id };
}

/** Wakes the relays; PostgreSQL delivers the notification only when (and if) the transaction commits. */
async function notifyOutbox(tx: OrderTransaction): Promise<void> {
  await tx.execute(sql`select pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '')`);
}
