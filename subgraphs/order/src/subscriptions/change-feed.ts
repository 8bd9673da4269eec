import { ORDER_STATUSES } from "../db/schema";
import type { OrderStatusChangedEvent } from "../services/events";

/**
 * The events one subscription has yet to deliver, coalesced per order: a subscriber who falls behind receives each
 * changed order once, in its latest state, instead of a backlog. Events are deduplicated on `eventId` (the relay
 * delivers at least once, and a resync may repeat what pub/sub already brought).
 */
export class ChangeFeed {
  private readonly pending = new Map<string, OrderStatusChangedEvent>();
  private readonly lastEventId = new Map<string, number>();
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;
  private closed = false;
  /** The highest event id seen on any order: where a resync starts looking. */
  watermark = 0;

  /** Marks everything up to `eventId` of an order as delivered (the state the subscriber already has). */
  seen(orderId: string, eventId: number): void {
    if (eventId > (this.lastEventId.get(orderId) ?? 0)) this.lastEventId.set(orderId, eventId);
    this.watermark = Math.max(this.watermark, eventId);
  }

  /** Queues an event unless it is not newer than what this feed already has for its order. */
  push(event: OrderStatusChangedEvent): void {
    if (this.closed || event.eventId <= (this.lastEventId.get(event.orderId) ?? 0)) return;
    this.seen(event.orderId, event.eventId);
    // delete + set moves the order to the back: orders are delivered in the order of their latest change.
    this.pending.delete(event.orderId);
    this.pending.set(event.orderId, event);
    this.wake();
  }

  /** Ends the feed with an error, delivered after nothing: the subscriber must not see more events. */
  fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.pending.clear();
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.pending.clear();
    this.wake();
  }

  get size(): number {
    return this.pending.size;
  }

  /** The next event to deliver; undefined once closed. Throws the error given to `fail`. */
  async take(): Promise<OrderStatusChangedEvent | undefined> {
    for (;;) {
      if (this.failure) {
        const failure = this.failure;
        this.closed = true;
        this.failure = null;
        throw failure;
      }
      if (this.closed) return undefined;
      const first = this.pending.entries().next();
      if (!first.done) {
        this.pending.delete(first.value[0]);
        return first.value[1];
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  private wake() {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}

const STATUSES = new Set<string>(ORDER_STATUSES);

/** Reads an `order.status_changed` message; null for anything that is not one (it is logged and dropped). */
export function parseStatusChanged(message: string): OrderStatusChangedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const event = value as Record<string, unknown>;
  const valid =
    Number.isSafeInteger(event.eventId) &&
    typeof event.orderId === "string" &&
    typeof event.userId === "string" &&
    typeof event.status === "string" &&
    STATUSES.has(event.status) &&
    (event.note === null || event.note === undefined || typeof event.note === "string") &&
    typeof event.at === "string";
  if (!valid) return null;
  return {
    eventId: event.eventId as number,
    orderId: (event.orderId as string).toLowerCase(),
    userId: (event.userId as string).toLowerCase(),
    status: event.status as OrderStatusChangedEvent["status"],
    note: (event.note as string | null | undefined) ?? null,
    at: event.at as string,
  };
}
