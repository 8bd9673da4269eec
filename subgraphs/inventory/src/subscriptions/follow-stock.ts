import { asyncStream, badUserInput } from "@shop/runtime";
import type { InventoryDatabase } from "../db/database";
import { inventoryOf, NEVER_STOCKED, type Inventory } from "../services/stock/availability";
import { readStock } from "../services/stock/stock-levels";
import type { Siblings } from "../siblings";
import type { StockHub } from "./stock-hub";
import { parseWatchedProductIds } from "./watched-products";

/** What `stockChanged` needs: the process's hub, the stock database, and the product subgraph (do the products exist?). */
export interface LiveStockDeps {
  hub: StockHub;
  db: InventoryDatabase;
  siblings: Pick<Siblings, "knownProducts">;
}

/**
 * `stockChanged(productIds)`: the current stock of each product first, then a product's stock after its changes, as
 * the hub throttles them (at most one per product and interval, the last always). Anyone may subscribe. A subscriber
 * reading slower than updates come holds one pending update per product, the latest.
 */
export async function followStock(deps: LiveStockDeps, productIdsArg: readonly string[]): Promise<AsyncIterableIterator<Inventory>> {
  const productIds = parseWatchedProductIds(productIdsArg);
  const known = await deps.siblings.knownProducts(productIds);
  const unknown = productIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw badUserInput("productIds", `no product has the id ${unknown.slice(0, 5).join(", ")}`);

  const pending = new Map<string, Inventory>();
  let wake: (() => void) | null = null;
  let closed = false;
  /** Keeps the newer of two reads of one product (an update may be read before or after the initial state). */
  const offer = (inventory: Inventory) => {
    const queued = pending.get(inventory.productId);
    if (closed || (queued && queued.asOf > inventory.asOf)) return;
    pending.delete(inventory.productId);
    pending.set(inventory.productId, inventory);
    const waiter = wake;
    wake = null;
    waiter?.();
  };
  // Listen before reading the current state, so no change can slip between the read and the first update.
  const stop = deps.hub.watch(productIds, { changed: offer });
  const end = () => {
    closed = true;
    stop();
    pending.clear();
    wake?.();
  };
  try {
    const rows = new Map((await readStock(deps.db, productIds)).map((row) => [row.productId, row]));
    const asOf = new Date();
    for (const productId of productIds) offer(inventoryOf(productId, rows.get(productId) ?? NEVER_STOCKED, asOf));
  } catch (error) {
    end();
    throw error;
  }
  const next = async (): Promise<IteratorResult<Inventory>> => {
    for (;;) {
      if (closed) return { done: true, value: undefined };
      const first = pending.entries().next();
      if (!first.done) {
        pending.delete(first.value[0]);
        return { done: false, value: first.value[1] };
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return asyncStream(next, end);
}
