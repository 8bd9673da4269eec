import { createSiblingCaller, type ShopConfig } from "@shop/runtime";
import { MergeGuestCartDocument, type MergeGuestCartMutation } from "../generated/siblings/cart";

/** What the cart subgraph says a guest cart's merge did. */
export type GuestCartMergeAnswer = MergeGuestCartMutation["mergeGuestCart"];

/**
 * The user subgraph's calls to other subgraphs' internal fields, signed with the user service's credential. The
 * operations are the `.graphql` files beside this one; their types are generated against the callee's SDL.
 */
export function createSiblings(config: Pick<ShopConfig, "subgraphs" | "internalKeys" | "subgraphTimeoutMs">) {
  const call = createSiblingCaller(config, "user");
  return {
    /** Merges the guest cart `guestCartToken` names into `userId`'s cart (once per guest cart). */
    mergeGuestCart: async (userId: string, guestCartToken: string): Promise<GuestCartMergeAnswer> =>
      (await call("cart", MergeGuestCartDocument, { userId, guestCartToken })).mergeGuestCart,
  };
}

export type Siblings = ReturnType<typeof createSiblings>;
