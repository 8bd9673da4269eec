import { rowLoader } from "@shop/runtime";
import type { InventoryDatabase } from "./db/database";
import { readStock } from "./services/stock/stock-levels";

/** Built per request: one SQL query per batch, results in key order (null for a product never stocked). */
export function createLoaders(db: InventoryDatabase) {
  return {
    stockByProductId: rowLoader(
      (productIds: readonly string[]) => readStock(db, productIds),
      (stock) => stock.productId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
