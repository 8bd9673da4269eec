import { Redis, type Logger } from "@shop/runtime";
import { ORDER_STATUS_CHANGED, type OrderStatusChangedEvent } from "../services/events";
import { parseStatusChanged } from "./change-feed";

/** The one key of the index of listeners to every order. */
const ALL = "*";

/** One live subscription's end of the hub. */
export interface HubListener {
  event(event: OrderStatusChangedEvent): void;
  /** Redis came back after a break: events published meanwhile were lost, so look in PostgreSQL. */
  resync(): void;
}

export interface OrderEventHub {
  /** Calls the listener for every change of this order; returns the function that stops it. */
  watchOrder(orderId: string, listener: HubListener): () => void;
  /** Calls the listener for every change of any order of this user; returns the function that stops it. */
  watchUser(userId: string, listener: HubListener): () => void;
  /** Calls the listener for every change of every order (the admin feed); returns the function that stops it. */
  watchAll(listener: HubListener): () => void;
  /** Resolves once the first SUBSCRIBE is confirmed. */
  ready: Promise<void>;
  /** Listeners registered now (tests, metrics). */
  listenerCount(): number;
  /** The subscriber connection's CLIENT SETNAME, to find it in `CLIENT LIST`. */
  connectionName: string;
  close(): Promise<void>;
}

/**
 * One Redis subscriber connection per process on `order.status_changed`, fanned out in memory to the live
 * subscriptions of this process, keyed by order id and by user id. Every replica runs one, so an event reaches the
 * subscribers of every replica. Listeners of every order (the admin feed) sit under one key of their own index.
 */
export function startOrderEventHub(redisUrl: string, log: Logger): OrderEventHub {
  const byOrder = new Map<string, Set<HubListener>>();
  const byUser = new Map<string, Set<HubListener>>();
  const everyOrder = new Map<string, Set<HubListener>>();
  const indexes = [byOrder, byUser, everyOrder];
  // Re-subscribing ourselves (not ioredis' autoResubscribe) tells us when a break ended, so listeners can resync.
  const connectionName = `order-events-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const subscriber = new Redis(redisUrl, { autoResubscribe: false, maxRetriesPerRequest: null, lazyConnect: true, connectionName });
  let closing = false;
  let subscribedOnce = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== ORDER_STATUS_CHANGED) return;
    const event = parseStatusChanged(message);
    if (!event) return void log.warn({ channel }, "dropped a malformed order event");
    for (const listener of byOrder.get(event.orderId) ?? []) listener.event(event);
    for (const listener of byUser.get(event.userId) ?? []) listener.event(event);
    for (const listener of everyOrder.get(ALL) ?? []) listener.event(event);
  });
  subscriber.on("error", (error: unknown) => {
    if (!closing) log.warn({ err: error }, "order event subscriber: Redis error");
  });
  // "ready" follows every (re)connect. Re-subscribing here rather than through ioredis' autoResubscribe tells us when
  // a break ended, so the listeners can look in PostgreSQL for what pub/sub dropped meanwhile.
  subscriber.on("ready", () => {
    subscriber.subscribe(ORDER_STATUS_CHANGED).then(
      () => {
        if (subscribedOnce) {
          log.info({ listeners: listenerCount() }, "order event subscriber is back; resyncing live subscriptions");
          for (const index of indexes) for (const listeners of index.values()) for (const listener of listeners) listener.resync();
        }
        subscribedOnce = true;
        markReady();
      },
      (error: unknown) => log.error({ err: error }, "order event subscriber: SUBSCRIBE failed"),
    );
  });
  subscriber.connect().catch((error: unknown) => log.warn({ err: error }, "order event subscriber: cannot reach Redis yet; retrying"));

  function add(index: Map<string, Set<HubListener>>, key: string, listener: HubListener) {
    let listeners = index.get(key);
    if (!listeners) index.set(key, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && index.get(key) === listeners) index.delete(key);
    };
  }

  function listenerCount() {
    let count = 0;
    for (const index of indexes) for (const listeners of index.values()) count += listeners.size;
    return count;
  }

  return {
    watchOrder: (orderId, listener) => add(byOrder, orderId, listener),
    watchUser: (userId, listener) => add(byUser, userId, listener),
    watchAll: (listener) => add(everyOrder, ALL, listener),
    ready,
    listenerCount,
    connectionName,
    close: async () => {
      closing = true;
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
