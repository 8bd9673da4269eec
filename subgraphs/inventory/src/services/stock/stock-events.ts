import type { Logger, Redis } from "@shop/runtime";

/**
 * Redis pub/sub channel on which every inventory replica announces products whose stock changed, after the change
 * committed: the live `stockChanged` subscribers of every replica read the new figures from PostgreSQL. Preceded by
 * STOCK_KEY_PREFIX (ioredis' keyPrefix applies to keys, not to channels), so inventories sharing a Redis database
 * hear only their own products.
 */
export function stockChangedChannel(stockKeyPrefix: string): string {
  return `${stockKeyPrefix}inventory.stock_changed`;
}

/** The message: which products changed. Delivery is at most once (pub/sub); subscribers re-read after a break. */
export interface StockChangedEvent {
  productIds: string[];
}

/** Announces a change; never throws: a lost announcement delays a live update, it must not fail the stock write. */
export async function publishStockChanged(redis: Redis, channel: string, productIds: readonly string[], log: Logger): Promise<void> {
  if (productIds.length === 0) return;
  const event: StockChangedEvent = { productIds: [...new Set(productIds)] };
  await redis.publish(channel, JSON.stringify(event)).catch((error: unknown) => {
    log.warn({ err: error, productIds: event.productIds }, "could not announce a stock change to live subscribers");
  });
}

/** Reads a message of the channel; null for anything that is not one (it is logged and dropped). */
export function parseStockChanged(message: string): StockChangedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  const productIds = (value as { productIds?: unknown } | null)?.productIds;
  if (!Array.isArray(productIds) || !productIds.every((id): id is string => typeof id === "string")) return null;
  return { productIds: productIds.map((id) => id.toLowerCase()) };
}
