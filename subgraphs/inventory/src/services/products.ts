import { notFound } from "@shop/runtime";
import type { Siblings } from "../siblings";

/** Asks the product subgraph whether the product exists (archived ones included); NOT_FOUND otherwise. */
export async function requireProduct(siblings: Siblings, productId: string): Promise<void> {
  if (!(await siblings.productExists(productId))) throw notFound("Product", productId);
}
