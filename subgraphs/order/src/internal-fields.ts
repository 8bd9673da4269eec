import type { InternalFields } from "@shop/runtime";

/**
 * Which sibling services may call each internal (@inaccessible) field of this subgraph; the runtime guards the
 * resolvers from this one declaration (`guardInternalFields`), and refuses to start while a field lacks an entry.
 */
export const INTERNAL_FIELDS: InternalFields = {
  /** The notifications worker writes order mails from it. */
  orderNotice: ["notifications"],
};
