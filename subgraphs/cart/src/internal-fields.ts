import type { InternalFields } from "@shop/runtime";

/**
 * Which sibling services may call each internal (@inaccessible) field of this subgraph; the runtime guards the
 * resolvers from this one declaration (`guardInternalFields`), and refuses to start while a field lacks an entry.
 */
export const INTERNAL_FIELDS: InternalFields = {
  /** Checkout reads the buyer's lines. */
  cartLines: ["order"],
  /** A paid checkout takes the bought units out of the cart. */
  consumeCartLines: ["order"],
  /** logIn and signUp merge a visitor's guest cart into the account. */
  mergeGuestCart: ["user"],
};
