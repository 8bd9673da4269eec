import type { InternalFields } from "@shop/runtime";

/**
 * Which sibling services may call each internal (@inaccessible) field of this subgraph; the runtime guards the
 * resolvers from this one declaration (`guardInternalFields`), and refuses to start while a field lacks an entry.
 */
export const INTERNAL_FIELDS: InternalFields = {
  /** The notifications worker addresses order mails with it (events carry no personal data). */
  notificationRecipient: ["notifications"],
};
