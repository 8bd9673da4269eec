import { and, desc, eq, gt, max, min } from "drizzle-orm";
import { asyncStream, forbidden, notFound, parseId, requireAdmin, requireViewer, type Viewer } from "@shop/runtime";
import type { OrderDatabase } from "../db/database";
import { orderEvents, orders } from "../db/schema";
import type { OrderModel } from "../models";
import type { OrderStatusChangedEvent } from "../services/events";
import { canSeeOrdersOf } from "../services/visibility";
import { ChangeFeed } from "./change-feed";
import type { HubListener, OrderEventHub } from "./hub";
import { parseSince } from "./since";

/** What live subscriptions need: the process's event hub and the order database. */
export interface LiveDeps {
  db: OrderDatabase;
  hub: OrderEventHub;
  /** The order as it is after an event, read once per event per process however many subscribers it has. */
  orderAfter(event: OrderStatusChangedEvent): Promise<OrderModel | null>;
  /** How far back `myOrderUpdates(since)` may reach (SUBSCRIPTION_SINCE_MAX_AGE_SECONDS). */
  sinceMaxAgeSeconds: number;
}

/** Builds the per-process live dependencies; `orderAfter` shares one read among every subscriber of an event. */
export function createLiveDeps(db: OrderDatabase, hub: OrderEventHub, sinceMaxAgeSeconds: number): LiveDeps {
  const reads = new Map<number, Promise<OrderModel | null>>();
  const orderAfter = (event: OrderStatusChangedEvent) => {
    let read = reads.get(event.eventId);
    if (!read) {
      read = db
        .select()
        .from(orders)
        .where(eq(orders.id, event.orderId))
        .then(([row]) => row ?? null);
      reads.set(event.eventId, read);
      // Subscribers pull at their own pace; keep the read a little while, then let it go.
      const forget = () => setTimeout(() => reads.delete(event.eventId), 2000).unref();
      read.then(forget, forget);
    }
    return read;
  };
  return { db, hub, orderAfter, sinceMaxAgeSeconds };
}

/**
 * `orderUpdated(id)`: the order's current state first, then its state after every change. Only its owner or an
 * ADMIN may follow it (checked now and again for every event); a customer asking for an order that is not theirs —
 * or does not exist — is FORBIDDEN either way, so nobody learns which ids exist.
 */
export async function followOrder(deps: LiveDeps, viewerArg: Viewer | null, idArg: string): Promise<AsyncIterableIterator<OrderModel>> {
  const viewer = requireViewer(viewerArg);
  const orderId = parseId(idArg, "id");
  const feed = new ChangeFeed();
  // Listen before reading the current state, so no change can slip between the read and the first event.
  const stop = deps.hub.watchOrder(
    orderId,
    listener(feed, () => resyncOrder(deps.db, orderId, feed)),
  );
  try {
    // The last event first, then the order: the state sent first includes that event (maybe later ones too, which
    // then arrive again as events — a repeat, never a gap).
    const [last] = await deps.db
      .select({ id: max(orderEvents.id) })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId));
    const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
    if (!order && viewer.role === "ADMIN") throw notFound("Order", orderId);
    if (!order || !canSeeOrdersOf(viewer, order.userId)) throw notYours(orderId);
    feed.seen(orderId, last?.id ?? 0);
    return deliver(deps, viewer, feed, stop, order);
  } catch (error) {
    stop();
    feed.close();
    throw error;
  }
}

/**
 * `myOrderUpdates`: every order of the signed-in viewer, each time it changes (orders placed later included). With
 * `since`, the changes committed after that instant come first, so a subscriber that reconnects misses nothing;
 * `since` may reach back at most `sinceMaxAgeSeconds` (else BAD_USER_INPUT), which bounds what the replay reads.
 */
export async function followMyOrders(
  deps: LiveDeps,
  viewerArg: Viewer | null,
  since?: Date | string | null,
): Promise<AsyncIterableIterator<OrderModel>> {
  const viewer = requireViewer(viewerArg);
  const userId = viewer.userId.toLowerCase();
  const resumeFrom = since == null ? null : parseSince(since, new Date(), deps.sinceMaxAgeSeconds);
  const feed = new ChangeFeed();
  const stop = deps.hub.watchUser(
    userId,
    listener(feed, () => resyncUser(deps.db, userId, feed)),
  );
  try {
    if (resumeFrom) {
      // An event's `at` is its transaction's time, the same as the order's updatedAt it produced. The replay starts
      // at the lowest id after `since` (ids and times of concurrent transactions need not be in the same order), read
      // from the bounded range of order_events(at, id) after it.
      const [first] = await deps.db
        .select({ id: min(orderEvents.id) })
        .from(orderEvents)
        .where(gt(orderEvents.at, resumeFrom));
      if (first?.id != null) {
        feed.watermark = first.id - 1;
        await resyncUser(deps.db, userId, feed);
      }
    }
    const [latest] = await deps.db.select({ id: max(orderEvents.id) }).from(orderEvents);
    feed.watermark = Math.max(feed.watermark, latest?.id ?? 0);
    return deliver(deps, viewer, feed, stop, null);
  } catch (error) {
    stop();
    feed.close();
    throw error;
  }
}

/**
 * `orderEvents`: every order of every customer, each time it changes (its creation included), for an ADMIN only
 * (UNAUTHENTICATED signed out, FORBIDDEN for anyone else). A feed, not a state: it starts with the next change.
 */
export async function followAllOrders(deps: LiveDeps, viewerArg: Viewer | null): Promise<AsyncIterableIterator<OrderModel>> {
  const viewer = requireAdmin(viewerArg);
  const feed = new ChangeFeed();
  const stop = deps.hub.watchAll(listener(feed, () => resyncAll(deps.db, feed)));
  try {
    // Where a resync after a Redis break starts: every change committed after this subscribe is the feed's.
    const [latest] = await deps.db.select({ id: max(orderEvents.id) }).from(orderEvents);
    feed.watermark = Math.max(feed.watermark, latest?.id ?? 0);
    return deliver(deps, viewer, feed, stop, null);
  } catch (error) {
    stop();
    feed.close();
    throw error;
  }
}

function listener(feed: ChangeFeed, resync: () => Promise<void>): HubListener {
  return {
    event: (event) => feed.push(event),
    resync: () => void resync().catch((error: unknown) => feed.fail(error instanceof Error ? error : new Error(String(error)))),
  };
}

function notYours(orderId: string) {
  return forbidden(`Order ${orderId} is not one of your orders: you can follow only your own`);
}

/** The subscription's stream: the first order (if any), then the order after each event; `return` unsubscribes. */
function deliver(
  deps: LiveDeps,
  viewer: Viewer,
  feed: ChangeFeed,
  stop: () => void,
  first: OrderModel | null,
): AsyncIterableIterator<OrderModel> {
  let initial = first;
  const end = () => {
    stop();
    feed.close();
  };
  const next = async (): Promise<IteratorResult<OrderModel>> => {
    if (initial) {
      const value = initial;
      initial = null;
      return { done: false, value };
    }
    for (;;) {
      const event = await feed.take().catch((error: unknown) => {
        end();
        throw error;
      });
      if (!event) return { done: true, value: undefined };
      // Authorization again per event: the subscription was allowed once, each event must be too.
      if (!canSeeOrdersOf(viewer, event.userId)) {
        end();
        throw notYours(event.orderId);
      }
      const order = await deps.orderAfter(event);
      if (order && canSeeOrdersOf(viewer, order.userId)) return { done: false, value: order };
    }
  };
  return asyncStream(next, end);
}

type EventRow = typeof orderEvents.$inferSelect;
const toEvent = (row: EventRow, userId: string): OrderStatusChangedEvent => ({
  eventId: row.id,
  orderId: row.orderId,
  userId,
  status: row.status,
  note: row.note,
  at: row.at.toISOString(),
});

/** After a Redis break: the order's latest event from PostgreSQL, which the feed drops if it already had it. */
async function resyncOrder(db: OrderDatabase, orderId: string, feed: ChangeFeed) {
  const [row] = await db
    .select({ event: orderEvents, userId: orders.userId })
    .from(orderEvents)
    .innerJoin(orders, eq(orders.id, orderEvents.orderId))
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  if (row) feed.push(toEvent(row.event, row.userId));
}

/** After a Redis break: every order event newer than what the feed has seen (the feed keeps each order's latest). */
async function resyncAll(db: OrderDatabase, feed: ChangeFeed) {
  const rows = await db
    .select({ event: orderEvents, userId: orders.userId })
    .from(orderEvents)
    .innerJoin(orders, eq(orders.id, orderEvents.orderId))
    .where(gt(orderEvents.id, feed.watermark))
    .orderBy(orderEvents.id);
  for (const row of rows) feed.push(toEvent(row.event, row.userId));
}

/** After a Redis break: every event of the user's orders newer than what the feed has seen. */
async function resyncUser(db: OrderDatabase, userId: string, feed: ChangeFeed) {
  const rows = await db
    .select({ event: orderEvents })
    .from(orderEvents)
    .innerJoin(orders, eq(orders.id, orderEvents.orderId))
    .where(and(eq(orders.userId, userId), gt(orderEvents.id, feed.watermark)))
    .orderBy(orderEvents.id);
  for (const row of rows) feed.push(toEvent(row.event, userId));
}
