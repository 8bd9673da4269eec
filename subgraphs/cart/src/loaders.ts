import DataLoader from "dataloader";
import { asc, inArray } from "drizzle-orm";
import { listLoader, rowLoader } from "@shop/runtime";
import type { CartDatabase } from "./db/database";
import { cartItems, carts } from "./db/schema";
import { ensureCarts } from "./services/ensure-carts";

/** Built per request: one SQL query per batch (two or three when carts must be created), results in key order. */
export function createLoaders(db: CartDatabase) {
  return {
    cartById: rowLoader(
      (ids: readonly string[]) =>
        db
          .select()
          .from(carts)
          .where(inArray(carts.id, [...ids])),
      (cart) => cart.id,
    ),
    /** Get-or-create: every user has a cart from the first time anyone asks for it. */
    cartByUserId: new DataLoader((userIds: readonly string[]) => ensureCarts(db, userIds)),
    /** A cart's lines in a stable order, (added_at, id), which Cart.subtotal's pairing relies on. */
    itemsByCartId: listLoader(
      (cartIds: readonly string[]) =>
        db
          .select()
          .from(cartItems)
          .where(inArray(cartItems.cartId, [...cartIds]))
          .orderBy(asc(cartItems.addedAt), asc(cartItems.id)),
      (item) => item.cartId,
    ),
    itemById: rowLoader(
      (ids: readonly string[]) =>
        db
          .select()
          .from(cartItems)
          .where(inArray(cartItems.id, [...ids])),
      (item) => item.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
