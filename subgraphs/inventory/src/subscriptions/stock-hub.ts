import { Redis, type Logger } from "@shop/runtime";
import type { InventoryDatabase } from "../db/database";
import { inventoryOf, NEVER_STOCKED, type Inventory } from "../services/stock/availability";
import { parseStockChanged } from "../services/stock/stock-events";
import { readStock } from "../services/stock/stock-levels";
import { KeyedThrottle } from "./throttle";

/** One live subscription's end of the hub. */
interface StockListener {
  /** A watched product's stock after a change: read once per update and process, whoever listens. */
  changed(inventory: Inventory): void;
}

export interface StockHub {
  /** Calls the listener with the stock of any of these products after it changes; returns the function that stops it. */
  watch(productIds: readonly string[], listener: StockListener): () => void;
  /** Resolves once the first SUBSCRIBE is confirmed. */
  ready: Promise<void>;
  /** Listeners registered now, one per watched product of each subscription (tests, metrics). */
  listenerCount(): number;
  close(): Promise<void>;
}

export interface StockHubOptions {
  redisUrl: string;
  /** The stock-changed channel (stockChangedChannel of the inventory's key prefix). */
  channel: string;
  db: InventoryDatabase;
  /** At most one update per product per this many milliseconds (STOCK_UPDATE_INTERVAL_MS). */
  intervalMs: number;
  log: Logger;
}

/**
 * One Redis subscriber connection per process on the stock-changed channel, fanned out in memory to the live
 * `stockChanged` subscriptions of this process by product id. A flash sale announces hundreds of changes a second:
 * each watched product is throttled (./throttle) to one read of its figures per interval, shared by every subscriber
 * of this process, always including a read after the last change. Products nobody watches cost a JSON parse.
 */
export function startStockHub(options: StockHubOptions): StockHub {
  const { channel, db, log } = options;
  const byProduct = new Map<string, Set<StockListener>>();
  const connectionName = `stock-events-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const subscriber = new Redis(options.redisUrl, { autoResubscribe: false, maxRetriesPerRequest: null, lazyConnect: true, connectionName });
  let closing = false;
  let subscribedOnce = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  // Products whose interval fired in this turn of the event loop: read together, in one statement.
  let due = new Set<string>();
  const throttle = new KeyedThrottle(options.intervalMs, (productId) => {
    if (due.size === 0) setImmediate(readDue);
    due.add(productId);
  });
  const readDue = () => {
    const productIds = [...due];
    due = new Set();
    // After close the database may be gone: nobody is left to tell.
    if (closing) return;
    readStock(db, productIds).then(
      (rows) => {
        const asOf = new Date();
        const byId = new Map(rows.map((row) => [row.productId, row]));
        for (const productId of productIds) {
          const inventory = inventoryOf(productId, byId.get(productId) ?? NEVER_STOCKED, asOf);
          for (const listener of byProduct.get(productId) ?? []) listener.changed(inventory);
        }
      },
      (error: unknown) => {
        // Tried again after an interval: the final state must still arrive once PostgreSQL answers.
        if (closing) return;
        log.warn({ err: error, products: productIds.length }, "could not read stock for live subscribers; retrying");
        for (const productId of productIds) if (byProduct.has(productId)) throttle.changed(productId);
      },
    );
  };

  subscriber.on("message", (from: string, message: string) => {
    if (from !== channel) return;
    const event = parseStockChanged(message);
    if (!event) return void log.warn({ channel }, "dropped a malformed stock event");
    for (const productId of event.productIds) if (byProduct.has(productId)) throttle.changed(productId);
  });
  subscriber.on("error", (error: unknown) => {
    if (!closing) log.warn({ err: error }, "stock event subscriber: Redis error");
  });
  // Re-subscribing ourselves tells us when a break ended: every watched product is read again, since pub/sub
  // dropped whatever was announced meanwhile.
  subscriber.on("ready", () => {
    subscriber.subscribe(channel).then(
      () => {
        if (subscribedOnce) for (const productId of byProduct.keys()) throttle.changed(productId);
        subscribedOnce = true;
        markReady();
      },
      (error: unknown) => log.error({ err: error }, "stock event subscriber: SUBSCRIBE failed"),
    );
  });
  subscriber.connect().catch((error: unknown) => log.warn({ err: error }, "stock event subscriber: cannot reach Redis yet; retrying"));

  return {
    watch: (productIds, listener) => {
      for (const productId of productIds) {
        let listeners = byProduct.get(productId);
        if (!listeners) byProduct.set(productId, (listeners = new Set()));
        listeners.add(listener);
      }
      return () => {
        for (const productId of productIds) {
          const listeners = byProduct.get(productId);
          listeners?.delete(listener);
          if (listeners?.size === 0) byProduct.delete(productId);
        }
      };
    },
    ready,
    listenerCount: () => [...byProduct.values()].reduce((sum, listeners) => sum + listeners.size, 0),
    close: async () => {
      closing = true;
      throttle.close();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
