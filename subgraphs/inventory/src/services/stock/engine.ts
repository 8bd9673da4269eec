import { counter, type Logger, type Redis } from "@shop/runtime";
import type { InventoryDatabase } from "../../db/database";
import { READY_KEY } from "./counter-keys";
import { resyncOnce, type ResyncOutcome, type ResyncResult } from "./resync";
import { publishStockChanged } from "./stock-events";

/** What the reservation code needs: the stores, defaults, and the three ways to rebuild Redis. */
export interface StockEngine {
  db: InventoryDatabase;
  redis: Redis;
  log: Logger;
  /** TTL of a reservation whose caller did not give one. */
  defaultTtlSeconds: number;
  /** One reconcile attempt (the periodic job, tests): BUSY when scripts ran meanwhile or a replica is at it. */
  resync(): Promise<ResyncOutcome>;
  /**
   * After a script answered MISSING: returns once a resync rebuilt Redis (ours or another replica's). Calls made
   * while one runs in this process share it.
   */
  recover(): Promise<ResyncOutcome>;
  /** Drops `ready` so every script waits, then recovers: always converges, pausing reservations for one resync. */
  rebuild(): Promise<ResyncOutcome>;
  /** Announces to live subscribers (every replica) that these products' stock changed; call after the change committed. */
  stockChanged(productIds: readonly string[]): Promise<void>;
}

const resyncs = counter(
  "shop_stock_resyncs_total",
  "Rebuilds of the Redis stock counters from PostgreSQL, by reason (reconcile: the periodic job and start-up; " +
    "missing: Redis had lost its counters) and outcome (OK, BUSY: scripts ran meanwhile, SKIPPED: already rebuilt).",
  ["reason", "outcome"],
);

/** Builds the engine for one process; stock changes are announced on `channel` (./stock-events). */
export function createStockEngine(
  db: InventoryDatabase,
  redis: Redis,
  log: Logger,
  defaultTtlSeconds: number,
  channel: string,
): StockEngine {
  let recovering: Promise<ResyncOutcome> | null = null;
  const stockChanged = (productIds: readonly string[]) => publishStockChanged(redis, channel, productIds, log);
  const report = async ({ outcome, dropped, releasedProductIds }: ResyncResult, why: "missing" | "reconcile") => {
    resyncs.inc({ reason: why, outcome });
    if (outcome === "OK") log.info({ dropped, why }, "stock counters resynced from PostgreSQL");
    // Released PENDING orders gave their units back (the transaction has committed by now).
    if (releasedProductIds.length > 0) await stockChanged(releasedProductIds);
    return outcome;
  };
  const recover = () =>
    (recovering ??= resyncOnce(db, redis, { wait: true, onlyIfMissing: true })
      .then((result) => report(result, "missing"))
      .finally(() => (recovering = null)));
  return {
    db,
    redis,
    log,
    defaultTtlSeconds,
    resync: async () => report(await resyncOnce(db, redis, { wait: false, onlyIfMissing: false }), "reconcile"),
    recover,
    rebuild: async () => {
      await redis.del(READY_KEY);
      return recover();
    },
    stockChanged,
  };
}
