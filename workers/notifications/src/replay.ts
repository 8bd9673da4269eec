import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { NotificationsDatabase } from "./db/database";
import { deadLetters, deliveries } from "./db/schema";
import { parseEntry, type StreamEntry } from "./events";
import { CHANNEL, handleEntry, type EntryDeps, type EntryOutcome } from "./handle-entry";

export type DeadLetter = typeof deadLetters.$inferSelect;

/** `not-replayable`: the stored entry never was an order event, and handling it again cannot change that. */
type ReplayOutcome = EntryOutcome | "not-replayable";

export interface ReplayResult {
  id: number;
  eventId: number | null;
  outcome: ReplayOutcome;
  /** Why a letter is not replayable. */
  detail?: string;
}

/** Outcomes after which the event needs nothing more: its mail went, or was rightly not sent. */
const RESOLVED: ReadonlySet<ReplayOutcome> = new Set<ReplayOutcome>(["sent", "already-done", "skipped", "no-mail"]);

/**
 * Whether the event is still dead-lettered after the replay: it failed again (`dead`: a newer letter says why), or its
 * letter stayed on the list (a subgraph unreachable, not replayable).
 */
export const stillDeadLettered = (result: ReplayResult) => !RESOLVED.has(result.outcome);

/** Dead letters not replayed yet, oldest first: all of them, or those of `ids` among them. */
export async function deadLettersToReplay(database: NotificationsDatabase, ids?: readonly number[]): Promise<DeadLetter[]> {
  return database.db
    .select()
    .from(deadLetters)
    .where(and(isNull(deadLetters.replayedAt), ids ? inArray(deadLetters.id, [...ids]) : undefined))
    .orderBy(asc(deadLetters.id));
}

/**
 * The entry a letter keeps, under an id of its own (so failing again adds a new letter rather than colliding with
 * this one), or why it cannot be handled again: a payload that is not an order event will not become one.
 */
export function storedEntryOf(letter: DeadLetter): { entry: StreamEntry } | { reason: string } {
  let fields: unknown;
  try {
    fields = JSON.parse(letter.payload);
  } catch {
    return { reason: "its payload is not the JSON of a stream entry's fields" };
  }
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return { reason: "its payload holds no stream entry fields" };
  const entry = {
    id: `${letter.streamEntryId}/replay-${letter.id}`,
    fields: Object.entries(fields).flatMap(([name, value]) => [name, String(value)]),
  };
  const parsed = parseEntry(entry);
  return parsed.ok ? { entry } : { reason: parsed.reason };
}

/**
 * Handles a dead letter's entry again, exactly as the worker handles a stream entry, once the cause is fixed (SMTP
 * back, the order restored). A mail that went dead is made `pending` again with a fresh count of attempts; from there
 * the dedupe row's lock keeps it to one mail, however many replays or workers run at once. A letter is marked replayed
 * once its entry settled, even as dead again: the newer letter then says why. Not settled (a subgraph unreachable),
 * it stays on the list as it was.
 */
export async function replayDeadLetter(deps: EntryDeps, letter: DeadLetter): Promise<ReplayResult> {
  const { id, eventId } = letter;
  const stored = storedEntryOf(letter);
  if ("reason" in stored) return { id, eventId, outcome: "not-replayable", detail: stored.reason };
  const { db } = deps.database;
  if (eventId !== null) {
    await db
      .update(deliveries)
      .set({ status: "pending", attempts: 0, lastError: null, updatedAt: sql`now()` })
      .where(and(eq(deliveries.eventId, eventId), eq(deliveries.channel, CHANNEL), eq(deliveries.status, "dead")));
  }
  const outcome = await handleEntry(deps, stored.entry);
  // Dead again is settled too: the newer letter takes this one's place on the list.
  if (RESOLVED.has(outcome) || outcome === "dead") {
    await db
      .update(deadLetters)
      .set({ replayedAt: sql`now()`, replayOutcome: outcome })
      .where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt)));
  }
  return { id, eventId, outcome };
}
