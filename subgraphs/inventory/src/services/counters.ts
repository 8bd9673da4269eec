import { readFileSync } from "node:fs";
import { and, asc, gt, inArray, type SQL } from "drizzle-orm";
import type { Redis } from "@shop/runtime";
import type { InventoryDatabase } from "../context";
import { stockLevels } from "../db/schema";
import { availableUnits } from "./availability";
import { availableKey } from "./counter-keys";
import { reservedUnits } from "./stock-levels";

const REBUILD_BATCH = 500;

/** Lua sources live beside this file; ioredis sends them by EVALSHA and reloads them after a NOSCRIPT. */
const scripts = {
  applyStockDelta: { numberOfKeys: 1, lua: readFileSync(new URL("./apply-stock-delta.lua", import.meta.url), "utf8") },
};

interface CounterCommands {
  applyStockDelta(key: string, delta: number, availableFromDatabase: number): Promise<number>;
}

/** The client with this subgraph's counter scripts defined on it (once per client). */
export function counterCommands(redis: Redis): CounterCommands {
  const commands = redis as unknown as Redis & Partial<CounterCommands>;
  for (const [name, definition] of Object.entries(scripts)) {
    if (typeof (commands as unknown as Record<string, unknown>)[name] !== "function") redis.defineCommand(name, definition);
  }
  return commands as unknown as CounterCommands;
}

/**
 * Adds a committed change of on_hand to the product's counter; a missing key is set to `availableFromDatabase`
 * instead of being read as zero. Call it while holding the stock row's lock, so changes reach Redis in commit order.
 */
export function applyStockDelta(redis: Redis, productId: string, delta: number, availableFromDatabase: number): Promise<number> {
  return counterCommands(redis).applyStockDelta(availableKey(productId), delta, availableFromDatabase);
}

/**
 * Recomputes `available` from PostgreSQL and SETs the counters: of the given products (those never stocked get 0
 * unless their key exists), or of every stocked product, in batches. Returns how many counters it wrote.
 */
export async function rebuildCounters(db: InventoryDatabase, redis: Redis, productIds?: readonly string[]): Promise<number> {
  let written = 0;
  if (productIds) {
    const unique = [...new Set(productIds)];
    for (let start = 0; start < unique.length; start += REBUILD_BATCH) {
      const batch = unique.slice(start, start + REBUILD_BATCH);
      written += (await rebuildBatch(db, redis, inArray(stockLevels.productId, batch), batch)).length;
    }
    return written;
  }
  let after: string | undefined;
  for (;;) {
    const rows = await rebuildBatch(db, redis, after ? gt(stockLevels.productId, after) : undefined, []);
    written += rows.length;
    if (rows.length < REBUILD_BATCH) return written;
    after = rows.at(-1)!.productId;
  }
}

/**
 * One batch, under the rows' locks: setStock (FOR UPDATE) waits, so a delta committed between our read and our SET
 * cannot be overwritten. `requested` ids without a row get 0 only if their key is missing (NX): a key that exists
 * then belongs to a first setStock still in flight.
 */
async function rebuildBatch(db: InventoryDatabase, redis: Redis, where: SQL | undefined, requested: readonly string[]) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ productId: stockLevels.productId, onHand: stockLevels.onHand, reserved: reservedUnits })
      .from(stockLevels)
      .where(and(where))
      .orderBy(asc(stockLevels.productId))
      .limit(REBUILD_BATCH)
      .for("no key update");
    const stocked = new Set(rows.map((row) => row.productId));
    const pipeline = redis.pipeline();
    for (const row of rows) pipeline.set(availableKey(row.productId), availableUnits(row));
    for (const id of requested) if (!stocked.has(id)) pipeline.set(availableKey(id), 0, "NX");
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    return rows;
  });
}
