import type { addresses, users } from "./db/schema";

/** What User resolvers receive: the row (the password hash never leaves the services). */
export type UserModel = typeof users.$inferSelect;
export type AddressModel = typeof addresses.$inferSelect;

/** A Product stub: this subgraph knows a product only by the id a cart merge names. */
export interface ProductModel {
  id: string;
}

/** A guest cart line left out of a merge, as the cart subgraph answered it. */
export interface DroppedCartLineModel {
  productId: string;
  quantity: number;
  reason: "NO_LONGER_SOLD" | "CART_FULL";
}

/** A line capped by a merge, as the cart subgraph answered it. */
export interface CappedCartLineModel {
  productId: string;
  requested: number;
  quantity: number;
}

/** AuthPayload.cartMerge: what the cart subgraph's mergeGuestCart did. */
export interface CartMergeModel {
  merged: boolean;
  droppedLines: DroppedCartLineModel[];
  cappedLines: CappedCartLineModel[];
}
