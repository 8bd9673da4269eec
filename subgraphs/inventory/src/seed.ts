import { closeRedis, connectDatabase, connectRedis, parseId, type ShopConfig } from "@shop/runtime";
import { schema, stockLevels } from "./db/schema";
import { loadInventorySettings, type InventorySettings } from "./settings";
import { parseOnHand } from "./services/stock/availability";
import { initCounters } from "./services/stock/counters";

/**
 * Idempotent: gives each product its initial stock only if it has no stock row yet (an admin's later changes are
 * never overwritten), and seeds the counters of the rows it inserted. Other counters are left to the resync that
 * runs when the subgraph starts (or when a script finds one missing). Returns how many rows it inserted. The counters
 * go under `settings.stockKeyPrefix`, where the subgraph started with the same settings looks for them.
 */
export async function seedStock(
  config: ShopConfig,
  items: { productId: string; onHand: number }[],
  settings: Pick<InventorySettings, "stockKeyPrefix"> = loadInventorySettings(),
): Promise<{ inserted: number }> {
  const rows = items.map((item) => ({ productId: parseId(item.productId, "productId"), onHand: parseOnHand(item.onHand) }));
  if (rows.length === 0) return { inserted: 0 };
  const database = connectDatabase(config.subgraphs.inventory.databaseUrl, schema, { max: 1 });
  const redis = connectRedis(config.redisUrl, { keyPrefix: settings.stockKeyPrefix });
  try {
    const inserted = await database.db
      .insert(stockLevels)
      .values(rows)
      .onConflictDoNothing()
      .returning({ productId: stockLevels.productId, onHand: stockLevels.onHand });
    await initCounters(redis, inserted);
    return { inserted: inserted.length };
  } finally {
    await database.close();
    await closeRedis(redis);
  }
}
