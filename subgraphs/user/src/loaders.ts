import { asc, inArray } from "drizzle-orm";
import { listLoader, rowLoader } from "@shop/runtime";
import type { UserDatabase } from "./db/database";
import { addresses, users } from "./db/schema";
import { preferencesLoader } from "./services/notification-preferences";

/** Built per request: one SQL query per batch, results in key order. */
export function createLoaders(db: UserDatabase) {
  return {
    userById: rowLoader(
      (ids: readonly string[]) =>
        db
          .select()
          .from(users)
          .where(inArray(users.id, [...ids])),
      (user) => user.id,
    ),
    addressesByUserId: listLoader(
      (userIds: readonly string[]) =>
        db
          .select()
          .from(addresses)
          .where(inArray(addresses.userId, [...userIds]))
          .orderBy(asc(addresses.createdAt)),
      (address) => address.userId,
    ),
    preferencesByUserId: preferencesLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
