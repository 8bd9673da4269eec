import { createSiblingCaller, type ShopConfig } from "@shop/runtime";
import { ProductStatusesDocument, type ProductStatusesQuery } from "../generated/siblings/product";

/** What the cart needs to know about a product before adding it: whether it is still sold. */
export type ProductStatusSnapshot = NonNullable<ProductStatusesQuery["productSnapshots"][number]>;

/**
 * The cart's calls to other subgraphs' internal fields, signed with the cart's service credential. The operations
 * are the `.graphql` files beside this one; their types are generated against the callee's SDL (`npm run codegen`).
 */
export function createSiblings(config: Pick<ShopConfig, "subgraphs" | "internalKeys" | "subgraphTimeoutMs">) {
  const call = createSiblingCaller(config, "cart");
  return {
    /** The product's status, or null when the product subgraph does not know the id. */
    productStatus: async (productId: string): Promise<ProductStatusSnapshot | null> =>
      (await call("product", ProductStatusesDocument, { ids: [productId] })).productSnapshots[0] ?? null,
    /** The statuses of the products the product subgraph knows among `productIds` (one call; none asked, no call). */
    productStatuses: async (productIds: readonly string[]): Promise<ProductStatusSnapshot[]> =>
      productIds.length === 0
        ? []
        : (await call("product", ProductStatusesDocument, { ids: [...productIds] })).productSnapshots.filter(
            (snapshot): snapshot is ProductStatusSnapshot => snapshot !== null,
          ),
  };
}

export type Siblings = ReturnType<typeof createSiblings>;
