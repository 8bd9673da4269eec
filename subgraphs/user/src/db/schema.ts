import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const role = pgEnum("role", ["CUSTOMER", "ADMIN"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored as entered; uniqueness is on lower(email). */
    email: text().notNull(),
    name: text().notNull(),
    role: role().notNull().default("CUSTOMER"),
    /** scrypt$<logN>$<r>$<p>$<salt>$<hash>, see services/passwords.ts. */
    passwordHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("users_email_lower_unique").on(sql`lower(${table.email})`)],
);

export const addresses = pgTable(
  "addresses",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    postalCode: text().notNull(),
    country: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("addresses_user_id_idx").on(table.userId, table.createdAt)],
);

/**
 * Refresh tokens, stored as their SHA-256 only (a leaked table signs nobody in). A sign-in starts a family; each
 * refreshToken marks its token rotated and adds the successor to the family, so a rotated token presented again is
 * reuse: the whole family is revoked (services/sessions.ts). Rows outlive rotation until they expire, for that check.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The sign-in this token descends from; every token of one family is revoked together. */
    familyId: uuid().notNull(),
    /** base64url SHA-256 of the token. */
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** When it was exchanged for its successor: presenting it again is reuse. */
    rotatedAt: timestamp({ withTimezone: true }),
    /** When logOut, reuse detection, or a password or role change revoked it. */
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex("refresh_tokens_token_hash_unique").on(table.tokenHash),
    index("refresh_tokens_user_id_idx").on(table.userId),
    index("refresh_tokens_family_id_idx").on(table.familyId),
  ],
);

/**
 * Mail preferences, one row per user who changed them: without a row, every default holds (non-essential mails on).
 * A table of their own, so the account row stays what sign-in reads.
 */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  marketing: boolean().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const schema = { users, addresses, refreshTokens, notificationPreferences };
