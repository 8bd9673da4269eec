import type { InternalFields } from "@shop/runtime";

/**
 * Which sibling services may call each internal (@inaccessible) field of this subgraph; the runtime guards the
 * resolvers from this one declaration (`guardInternalFields`), and refuses to start while a field lacks an entry.
 */
export const INTERNAL_FIELDS: InternalFields = {
  /** The cart checks a product is sold, the inventory that it exists, checkout prices the cart. */
  productSnapshots: ["cart", "inventory", "order"],
};
