import { and, eq, sql } from "drizzle-orm";
import type { Logger } from "@shop/runtime";
import type { NotificationsDatabase } from "./db/database";
import { deadLetters, deliveries } from "./db/schema";
import type { Mailer, OutgoingMail } from "./mail/mailer";
import { PermanentSmtpError } from "./mail/mailer";
import { notificationMetrics } from "./metrics";
import { backoffDelay } from "./retry";
import type { CrashPoint, NotificationSettings } from "./settings";

/** Which notification: an order event on a channel (its dedupe row's primary key), and the entry that carried it. */
export interface DeliveryKey {
  /** The stream entry being handled: named on the dead-letter list. */
  streamEntryId: string;
  /** Its fields (describeFields), kept on the dead-letter list so a replay can handle the entry again. */
  entryFields: string;
  eventId: number;
  channel: "email";
  orderId: string;
  kind: string;
}

/** `interrupted`: the worker is stopping between two attempts; the entry stays pending for another worker. */
export type DeliveryOutcome = "sent" | "already-done" | "dead" | "interrupted";

export interface DeliveryDeps {
  database: NotificationsDatabase;
  mailer: Mailer;
  log: Logger;
  retry: NotificationSettings["retry"];
  /** Tests only: where the process SIGKILLs itself (settings.ts). */
  crashPoint?: CrashPoint;
  /** Aborted when the worker stops: a mail between two attempts is left pending rather than waited for. */
  stopping?: AbortSignal;
}

/**
 * Sends one notification exactly once, however many times its event is delivered, by however many workers.
 *
 * The argument, step by step:
 * 1. The dedupe row `(event_id, channel)` is inserted if missing and locked (SELECT … FOR UPDATE) in a transaction.
 *    A second worker handling the same event (a reclaimed entry, a duplicate from the outbox relay) waits on that
 *    lock, then finds the row `sent` and only acknowledges.
 * 2. While the lock is held the mail goes to the SMTP server; once the server accepted it (250), the row becomes
 *    `sent` and the transaction commits. The stream entry is acknowledged (XACK) only after that commit.
 * 3. A worker that dies after the commit and before XACK leaves the entry pending: another worker reclaims it
 *    (XAUTOCLAIM), finds the row `sent`, acknowledges, sends nothing. Tested with a real SIGKILL at that point.
 * 4. What remains: a worker that dies after the SMTP server accepted and before the commit (a window of one
 *    round trip to PostgreSQL) leaves the row `pending`, and the retry sends the mail again. That second copy carries
 *    the same Message-ID as the first (it is stored on the row before the first attempt), so mail systems that
 *    collapse duplicates by Message-ID show one; a plain SMTP sink sees two. No protocol can close this window: SMTP
 *    has no "did you already accept message X?" and our commit cannot be atomic with the server's accept. We choose
 *    at-least-once here (resend) over at-most-once (a crash there would lose an order confirmation).
 */
export async function deliverOnce(deps: DeliveryDeps, key: DeliveryKey, mail: OutgoingMail): Promise<DeliveryOutcome> {
  const { database, mailer, log, retry } = deps;
  for (;;) {
    let failure: Error;
    try {
      const outcome = await database.db.transaction(async (tx) => {
        await tx
          .insert(deliveries)
          .values({ eventId: key.eventId, channel: key.channel, orderId: key.orderId, kind: key.kind, messageId: mail.messageId })
          .onConflictDoNothing();
        const [row] = await tx
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.eventId, key.eventId), eq(deliveries.channel, key.channel)))
          .for("update");
        if (row!.status !== "pending") return "already-done" as const;
        // The row's Message-ID, not this attempt's: a resend after a crash must carry the first one.
        await mailer.send({ ...mail, messageId: row!.messageId });
        crashAt(deps.crashPoint, "after-send");
        await tx
          .update(deliveries)
          .set({ status: "sent", sentAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(deliveries.eventId, key.eventId), eq(deliveries.channel, key.channel)));
        return "sent" as const;
      });
      if (outcome === "sent") notificationMetrics.sent.inc({ kind: key.kind });
      else notificationMetrics.duplicatesAvoided.inc();
      return outcome;
    } catch (error) {
      failure = error as Error;
    }
    const attempts = await recordFailure(database, key, mail.messageId, failure.message);
    notificationMetrics.sendFailures.inc();
    const permanent = failure instanceof PermanentSmtpError;
    if (permanent || attempts >= retry.maxAttempts) {
      const reason = permanent ? `SMTP refused: ${failure.message}` : `SMTP failed ${attempts} times; last: ${failure.message}`;
      const recorded = await deadLetterDelivery(database, key, reason);
      if (recorded) {
        notificationMetrics.deadLettered.inc({ reason: permanent ? "smtp_refused" : "smtp_retries_exhausted" });
        log.error({ eventId: key.eventId, orderId: key.orderId, kind: key.kind, reason }, "notification dead-lettered");
      }
      return "dead";
    }
    const delay = backoffDelay(attempts, retry.baseDelayMs, retry.maxDelayMs);
    log.warn({ eventId: key.eventId, kind: key.kind, attempts, retryInMs: delay, err: failure }, "sending a notification failed; retrying");
    if (!(await waitUnlessStopping(delay, deps.stopping))) return "interrupted";
  }
}

/** Waits `ms`; resolves false at once (or as soon as) `stopping` is aborted. */
function waitUnlessStopping(ms: number, stopping: AbortSignal | undefined): Promise<boolean> {
  if (stopping?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stopping?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stopping?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Counts a failed attempt on the dedupe row (created if the failed transaction took it along); returns the count. */
async function recordFailure(database: NotificationsDatabase, key: DeliveryKey, messageId: string, error: string): Promise<number> {
  const [row] = await database.db
    .insert(deliveries)
    .values({ eventId: key.eventId, channel: key.channel, orderId: key.orderId, kind: key.kind, messageId, attempts: 1, lastError: error })
    .onConflictDoUpdate({
      target: [deliveries.eventId, deliveries.channel],
      set: { attempts: sql`${deliveries.attempts} + 1`, lastError: error, updatedAt: sql`now()` },
    })
    .returning({ attempts: deliveries.attempts });
  return row!.attempts;
}

/**
 * Marks the row `dead` and adds the dead-letter entry in one transaction; false when another worker got there (or the
 * mail was sent meanwhile), so each notification is dead-lettered once.
 */
async function deadLetterDelivery(database: NotificationsDatabase, key: DeliveryKey, reason: string): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const moved = await tx
      .update(deliveries)
      .set({ status: "dead", lastError: reason, updatedAt: sql`now()` })
      .where(and(eq(deliveries.eventId, key.eventId), eq(deliveries.channel, key.channel), eq(deliveries.status, "pending")))
      .returning({ eventId: deliveries.eventId });
    if (moved.length === 0) return false;
    await tx
      .insert(deadLetters)
      .values({
        streamEntryId: key.streamEntryId,
        eventId: key.eventId,
        reason,
        payload: key.entryFields,
      })
      .onConflictDoNothing();
    return true;
  });
}

/**
 * Records a notification that was decided against (opted out, cancelled before payment), so a redelivered event is
 * recognised without asking the subgraphs again.
 */
export async function recordSkipped(database: NotificationsDatabase, key: DeliveryKey, messageId: string, reason: string): Promise<void> {
  await database.db
    .insert(deliveries)
    .values({
      eventId: key.eventId,
      channel: key.channel,
      orderId: key.orderId,
      kind: key.kind,
      messageId,
      status: "skipped",
      lastError: reason,
    })
    .onConflictDoNothing();
}

/** Whether the notification of this event on this channel is already settled (sent, skipped or dead). */
export async function isSettled(database: NotificationsDatabase, eventId: number, channel: string): Promise<boolean> {
  const [row] = await database.db
    .select({ status: deliveries.status })
    .from(deliveries)
    .where(and(eq(deliveries.eventId, eventId), eq(deliveries.channel, channel)));
  return row !== undefined && row.status !== "pending";
}

/** Tests only: a real crash, no cleanup, no goodbye — what a power cut or an OOM kill looks like to the others. */
export function crashAt(configured: CrashPoint | undefined, point: CrashPoint): void {
  if (configured === point) process.kill(process.pid, "SIGKILL");
}
