import { sql } from "drizzle-orm";
import { anyOf, perDatabase } from "@shop/runtime";
import type { InventoryDatabase } from "../../db/database";
import { stockLevels } from "../../db/schema";
import type { StockFigures } from "./availability";

/**
 * Units held (PENDING or ACTIVE reservations) of the stock row in scope, served by the partial index on
 * product_id. Written out because drizzle leaves columns of a one-table select unqualified, which would
 * uncorrelate the subquery.
 */
export const reservedUnits = sql<number>`(
  select coalesce(sum(r.quantity), 0)::int from reservations r
  where r.product_id = stock_levels.product_id and r.status in ('PENDING', 'ACTIVE')
)`;

export interface ProductStock extends StockFigures {
  productId: string;
}

/** Prepared once per database: a request only binds its product ids. */
const stockOf = perDatabase((db: InventoryDatabase) =>
  db
    .select({ productId: stockLevels.productId, onHand: stockLevels.onHand, reserved: reservedUnits })
    .from(stockLevels)
    .where(anyOf(stockLevels.productId, "productIds"))
    .prepare("stock_of"),
);

/** Stock figures of many products in one statement; products never stocked have no row. */
export function readStock(db: InventoryDatabase, productIds: readonly string[]): Promise<ProductStock[]> {
  return stockOf(db).execute({ productIds });
}
