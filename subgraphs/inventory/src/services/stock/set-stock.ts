import { eq, sql } from "drizzle-orm";
import { parseId, requireAdmin, type Logger, type Redis, type Viewer } from "@shop/runtime";
import type { InventoryDatabase } from "../../db/database";
import { stockLevels } from "../../db/schema";
import type { Siblings } from "../../siblings";
import { assertCoversReserved, inventoryOf, parseOnHand, type Inventory } from "./availability";
import { availableKey } from "./counter-keys";
import { applyStockDelta } from "./counters";
import type { StockEngine } from "./engine";
import { requireProduct } from "../products";
import { reservedUnits } from "./stock-levels";

export interface StockDeps {
  db: InventoryDatabase;
  redis: Redis;
  /** The product subgraph is asked whether a product exists. */
  siblings: Siblings;
  log: Logger;
  /** Rebuilds Redis when the counter script answers MISSING, and announces the change to live subscribers. */
  stock: Pick<StockEngine, "recover" | "stockChanged">;
}

/** ADMIN: sets the units on hand of an existing product and mirrors the change into its Redis counter. */
export async function setStock(deps: StockDeps, viewer: Viewer | null, productIdArg: string, onHandArg: number): Promise<Inventory> {
  requireAdmin(viewer);
  const productId = parseId(productIdArg, "productId");
  const onHand = parseOnHand(onHandArg);
  await requireProduct(deps.siblings, productId);
  return writeStock(deps, productId, onHand);
}

/**
 * The write itself. The counter is updated while the row lock is held, so concurrent setStocks reach Redis in their
 * commit order, and a resync (FOR SHARE) sees either neither or both. When Redis lacks `ready` or the counter, the
 * script changes nothing and a resync runs after the commit instead. If anything fails once Redis may have been
 * touched, the key is deleted: a missing key makes the next script resync from PostgreSQL, a wrong one would stay.
 */
async function writeStock(deps: StockDeps, productId: string, onHand: number): Promise<Inventory> {
  const { db, redis, log } = deps;
  let counterTouched = false;
  let missing = false;
  try {
    const inventory = await db.transaction(async (tx) => {
      // Creating the row first gives every writer, even the first ever, a row to lock.
      await tx.insert(stockLevels).values({ productId, onHand: 0 }).onConflictDoNothing();
      const [current] = await tx
        .select({ onHand: stockLevels.onHand, reserved: reservedUnits })
        .from(stockLevels)
        .where(eq(stockLevels.productId, productId))
        .for("update");
      const { onHand: oldOnHand, reserved } = current!;
      assertCoversReserved(onHand, reserved);
      await tx
        .update(stockLevels)
        .set({ onHand, updatedAt: sql`now()` })
        .where(eq(stockLevels.productId, productId));
      counterTouched = true;
      missing = (await applyStockDelta(redis, productId, onHand - oldOnHand)) === "MISSING";
      return inventoryOf(productId, { onHand, reserved });
    });
    if (missing) await deps.stock.recover();
    await deps.stock.stockChanged([productId]);
    return inventory;
  } catch (error) {
    if (counterTouched && !missing) {
      await redis.del(availableKey(productId)).catch((delError: unknown) => {
        log.error({ err: delError, productId }, "setStock failed after touching the counter and could not delete it");
      });
    }
    throw error;
  }
}
