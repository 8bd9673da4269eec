import { asc, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Logger, Redis } from "@shop/runtime";
import { outbox, type schema } from "../db/schema";
import { ORDER_EVENTS_STREAM, ORDER_EVENTS_STREAM_MAXLEN, OUTBOX_NOTIFY_CHANNEL } from "./events";

export interface OutboxRelayOptions {
  database: Database<typeof schema>;
  redis: Redis;
  log: Logger;
  /** Safety net besides LISTEN: a missed notification is picked up within this interval. */
  pollIntervalMs: number;
  /** Rows locked and published per round (default 200). */
  batchSize?: number;
  /** LISTEN for commits (default true); false polls only, e.g. behind a transaction-mode connection pooler. */
  listen?: boolean;
}

export interface OutboxRelay {
  /** Resolves once LISTEN is established (or failed or was not asked for: then the relay only polls). */
  ready: Promise<void>;
  /** Runs rounds until this relay finds nothing left to publish; returns how many rows it published. */
  drain(): Promise<number>;
  /** Stops waking, waits for the round in flight; leaves the database and Redis clients open (the caller owns them). */
  stop(): Promise<void>;
}

/**
 * Publishes committed outbox rows to Redis: PUBLISH on the row's topic (live subscribers) and XADD to
 * `orders.events` (durable consumers), then stamps `published_at`, all inside one transaction holding the rows with
 * FOR UPDATE SKIP LOCKED — so replicas running their own relay never publish the same row at the same time.
 *
 * At least once, not exactly once: a crash (or a failed commit) after the Redis pipeline and before the stamp leaves
 * the rows unpublished in PostgreSQL, and the next round publishes them again. Consumers dedupe on the payload's
 * `eventId` (stream consumers may also use the entry's `id` field, the outbox id). Two replicas may publish two
 * events of one order out of order; `eventId` grows with each change of an order, so consumers keep the highest.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { database, redis, log, pollIntervalMs } = options;
  const batchSize = options.batchSize ?? 200;
  let stopped = false;
  let wakeQueued = false;
  // Rounds of one relay run one after another; concurrency comes from replicas, which SKIP LOCKED keeps apart.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };

  async function round(): Promise<number> {
    return database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(asc(outbox.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return 0;
      const pipeline = redis.pipeline();
      for (const row of rows) {
        const json = JSON.stringify(row.payload);
        pipeline.publish(row.topic, json);
        pipeline.xadd(
          ORDER_EVENTS_STREAM,
          "MAXLEN",
          "~",
          ORDER_EVENTS_STREAM_MAXLEN,
          "*",
          "id",
          String(row.id),
          "topic",
          row.topic,
          "payload",
          json,
        );
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      // Throwing rolls the stamps back: every row of the batch is published again next round (at least once).
      if (failed) throw failed[0] ?? new Error("a Redis command of the outbox batch failed");
      await tx
        .update(outbox)
        .set({ publishedAt: sql`now()` })
        .where(
          inArray(
            outbox.id,
            rows.map((row) => row.id),
          ),
        );
      return rows.length;
    });
  }

  async function publishAll(): Promise<number> {
    let published = 0;
    for (;;) {
      const count = await round();
      published += count;
      // A short round means nothing is left that this relay may lock (another replica may hold the rest).
      if (count < batchSize) return published;
    }
  }

  function wake() {
    if (stopped || wakeQueued) return;
    wakeQueued = true;
    exclusive(async () => {
      wakeQueued = false;
      if (!stopped) await publishAll();
    }).catch((error: unknown) => log.error({ err: error }, "outbox relay round failed; retrying on the next wake-up"));
  }

  const timer = setInterval(wake, pollIntervalMs);
  timer.unref();
  // The third callback runs on every (re)connect of the LISTEN connection: catch up on what was missed meanwhile.
  const listening =
    options.listen === false
      ? Promise.resolve(null)
      : database.sql.listen(OUTBOX_NOTIFY_CHANNEL, wake, wake).catch((error: unknown) => {
          log.error({ err: error }, "outbox relay cannot LISTEN; relying on polling");
          return null;
        });

  return {
    ready: listening.then(() => undefined),
    drain: () => exclusive(publishAll),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await (await listening)?.unlisten().catch(() => undefined);
      await tail;
    },
  };
}
