import { badUserInput, notFound } from "@shop/runtime";
import type { ProductStatusSnapshot } from "../siblings";

/** Only ACTIVE products go into a cart: unknown is NOT_FOUND, archived is BAD_USER_INPUT on `productId`. */
export function assertSellable(snapshot: ProductStatusSnapshot | null, productId: string): void {
  if (!snapshot) throw notFound("Product", productId);
  if (snapshot.status !== "ACTIVE") throw badUserInput("productId", `product ${productId} is no longer sold`);
}
