import { eq, inArray, sql } from "drizzle-orm";
import { isUuid, rowLoader } from "@shop/runtime";
import type { UserDatabase } from "../db/database";
import { notificationPreferences, users } from "../db/schema";

/** A user's choice of mails; without a stored choice, non-essential mails go (the user opts out, not in). */
export interface NotificationPreferencesModel {
  marketing: boolean;
}

const DEFAULT_PREFERENCES: NotificationPreferencesModel = { marketing: true };

/** Per request: each user's stored preferences (or null), one query per batch. */
export function preferencesLoader(db: UserDatabase) {
  return rowLoader(
    (userIds: readonly string[]) =>
      db
        .select()
        .from(notificationPreferences)
        .where(inArray(notificationPreferences.userId, [...userIds])),
    (row) => row.userId,
  );
}

/** The stored choice, or the defaults. */
export function preferencesOf(stored: { marketing: boolean } | null): NotificationPreferencesModel {
  return stored ? { marketing: stored.marketing } : DEFAULT_PREFERENCES;
}

/** Records the user's choice (one upsert). */
export async function updateNotificationPreferences(db: UserDatabase, userId: string, marketing: boolean): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, marketing })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { marketing, updatedAt: sql`now()` } });
}

/** Where a user's order mails go, with their choice; null for an id that names no user. */
export async function findNotificationRecipient(db: UserDatabase, userId: string) {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({ email: users.email, name: users.name, marketing: notificationPreferences.marketing })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(eq(users.id, userId.toLowerCase()));
  if (!row) return null;
  return { email: row.email, name: row.name, ...preferencesOf(row.marketing === null ? null : { marketing: row.marketing }) };
}
