import type { InternalFields } from "@shop/runtime";

/**
 * Which sibling services may call each internal (@inaccessible) field of this subgraph; the runtime guards the
 * resolvers from this one declaration (`guardInternalFields`), and refuses to start while a field lacks an entry.
 * The reservation protocol belongs to checkout and cancellation, both in the order subgraph.
 */
export const INTERNAL_FIELDS: InternalFields = {
  stockShortages: ["order"],
  reserveStock: ["order"],
  commitReservation: ["order"],
  releaseReservation: ["order"],
  returnStock: ["order"],
};
