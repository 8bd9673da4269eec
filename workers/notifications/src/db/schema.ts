import { bigint, bigserial, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const instant = () => timestamp({ withTimezone: true });

export const DELIVERY_STATUSES = ["pending", "sent", "skipped", "dead"] as const;
export const deliveryStatus = pgEnum("delivery_status", DELIVERY_STATUSES);

/**
 * The dedupe row of each notification: one per (order event, channel). The row is locked while its mail is sent and
 * becomes `sent` in the transaction that holds the lock, so two workers never both send it, and a worker that sees
 * `sent` (or `skipped`, `dead`) only acknowledges the stream entry (services/deliveries.ts explains the window that
 * remains).
 */
export const deliveries = pgTable(
  "deliveries",
  {
    /** The order event's id (`eventId` of the payload: order_events.id in the order database). */
    eventId: bigint({ mode: "number" }).notNull(),
    /** `email` today; an SMS or push channel would be a second row for the same event. */
    channel: text().notNull(),
    orderId: uuid().notNull(),
    /** Which mail (order-confirmation, order-shipped, …). */
    kind: text().notNull(),
    status: deliveryStatus().notNull().default("pending"),
    /** The Message-ID every attempt of this mail carries, so a mail sent again after a crash is recognisable. */
    messageId: text().notNull(),
    /** Failed SMTP attempts so far. */
    attempts: integer().notNull().default(0),
    /** Why the last attempt failed, or why the mail was skipped or dead-lettered. */
    lastError: text(),
    sentAt: instant(),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.eventId, table.channel] })],
);

/**
 * The dead-letter list: events that were not turned into a sent mail, with the reason (a malformed payload, an
 * unknown order, or SMTP refusing past the last retry). Operators read and replay from here (`replay`, src/replay.ts);
 * nothing else does. A replayed entry stays, marked, as the record of what happened.
 */
export const deadLetters = pgTable(
  "dead_letters",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /**
     * The stream entry's id (`1733150000000-0`), or for a replay that failed again the replayed entry's id and the
     * dead letter's (`1733150000000-0/replay-12`). Unique: an entry handled again (its worker died before XACK, or a
     * replay was cut short) is not dead-lettered twice.
     */
    streamEntryId: text().notNull(),
    /** The order event's id, when the payload had one. */
    eventId: bigint({ mode: "number" }),
    reason: text().notNull(),
    /** The entry's fields as read (a JSON object of strings), for a replay or a look. */
    payload: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    /** When a replay settled it (null: still on the list). */
    replayedAt: instant(),
    /** How that replay ended: sent, already-done, skipped, no-mail, or dead (then a newer dead letter says why). */
    replayOutcome: text(),
  },
  (table) => [uniqueIndex("dead_letters_stream_entry_id_unique").on(table.streamEntryId)],
);

export const schema = { deliveries, deadLetters };
