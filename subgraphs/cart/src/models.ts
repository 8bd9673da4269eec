import type { cartItems, carts } from "./db/schema";

/** An amount in integer minor units (cents) and its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export type CartRow = typeof carts.$inferSelect;
type CartItemRow = typeof cartItems.$inferSelect;

/** One entry of a Cart representation's `items`, as the gateway sends it for `subtotal`'s @requires. */
export type RequiredLine = { product?: { price?: Money | null } | null } | null;

/** What Cart resolvers receive: the row and, in `_entities` calls, the line prices the gateway fetched (@requires). */
export type CartModel = CartRow & { requiredItems?: readonly RequiredLine[] };

/** What CartItem resolvers receive: the row and, in `_entities` calls, the product's price the gateway fetched. */
export type CartItemModel = CartItemRow & { requiredPrice?: Money | null };

/** A Product stub: this subgraph only knows the id; `price` arrives from the product subgraph via @requires. */
export interface ProductModel {
  id: string;
}

/** A User stub: this subgraph only adds `cart` to users it knows by id. */
export interface UserModel {
  id: string;
}
