import type { addresses, users } from "./db/schema";

/** What User resolvers receive: the row (the password hash never leaves the services). */
export type UserModel = typeof users.$inferSelect;
export type AddressModel = typeof addresses.$inferSelect;
