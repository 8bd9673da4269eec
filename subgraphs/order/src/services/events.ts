import type { OrderStatus } from "../models";

/**
 * Where order events travel. One place for the names: the outbox relay publishes to them, live tracking
 * (subscriptions) and any durable consumer read from them.
 */

/** Outbox topic and Redis pub/sub channel of every order status change. */
export const ORDER_STATUS_CHANGED = "order.status_changed";

/**
 * Redis stream for durable consumers (XREAD / consumer groups), capped near 100 000 entries. Fields of an entry:
 * `id` (the outbox id), `topic`, `payload` (the event as JSON).
 */
export const ORDER_EVENTS_STREAM = "orders.events";

/** Approximate cap of the stream (XADD MAXLEN ~). */
export const ORDER_EVENTS_STREAM_MAXLEN = 100_000;

/** PostgreSQL NOTIFY channel that wakes the outbox relay when a transaction with outbox rows commits. */
export const OUTBOX_NOTIFY_CHANNEL = "order_outbox";

/**
 * Payload of `order.status_changed`. Delivery is at least once: consumers dedupe on `eventId` (the order_events id,
 * which also orders the events of one order).
 */
export interface OrderStatusChangedEvent {
  eventId: number;
  orderId: string;
  userId: string;
  status: OrderStatus;
  note: string | null;
  /** ISO 8601 instant of the change. */
  at: string;
}
