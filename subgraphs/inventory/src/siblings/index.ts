import { createSiblingCaller, type ShopConfig } from "@shop/runtime";
import { KnownProductsDocument } from "../generated/siblings/product";

/**
 * The inventory's calls to other subgraphs' internal fields, signed with the inventory's service credential. The
 * operations are the `.graphql` files beside this one; their types are generated against the callee's SDL
 * (`npm run codegen`).
 */
export function createSiblings(config: Pick<ShopConfig, "subgraphs" | "internalKeys" | "subgraphTimeoutMs">) {
  const call = createSiblingCaller(config, "inventory");
  return {
    /** Whether the product subgraph knows the product (archived ones included). */
    productExists: async (productId: string): Promise<boolean> =>
      (await call("product", KnownProductsDocument, { ids: [productId] })).productSnapshots[0] != null,
    /** Which of these products the product subgraph knows (archived ones included), in one call. */
    knownProducts: async (productIds: readonly string[]): Promise<Set<string>> => {
      const { productSnapshots } = await call("product", KnownProductsDocument, { ids: [...productIds] });
      return new Set(productSnapshots.flatMap((snapshot) => (snapshot ? [snapshot.id.toLowerCase()] : [])));
    },
  };
}

export type Siblings = ReturnType<typeof createSiblings>;
