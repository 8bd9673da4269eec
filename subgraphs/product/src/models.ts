import { getTableColumns } from "drizzle-orm";
import type { Connection } from "@shop/runtime";
import { products, type categories } from "./db/schema";

const { search: _search, ...columns } = getTableColumns(products);

/** Every product column except the tsvector, which only SQL needs: select these instead of `*`. */
export const productColumns = columns;

/** What Product (and ProductSnapshot) resolvers receive: the row without its search vector. */
export type ProductModel = Omit<typeof products.$inferSelect, "search">;
export type CategoryModel = typeof categories.$inferSelect;

/** A page of products; `count` runs the count query only when a client selects totalCount. */
export interface ProductConnectionModel extends Connection<ProductModel> {
  count(): Promise<number>;
}
