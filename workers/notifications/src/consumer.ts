import type { Logger, Redis } from "@shop/runtime";
import type { StreamEntry } from "./events";
import { notificationMetrics } from "./metrics";

export interface ConsumerOptions {
  /** A client of its own: XREADGROUP BLOCK holds its connection while it waits. */
  reader: Redis;
  /** XACK, XAUTOCLAIM and the group's creation, which must not queue behind a blocked read. */
  redis: Redis;
  stream: string;
  group: string;
  /** Unique per process: a consumer's pending entries are the ones it took and has not acknowledged. */
  consumer: string;
  batchSize: number;
  /** How long XREADGROUP waits for new entries; also how long `stop` may wait for the read in flight. */
  blockMs: number;
  reclaimIdleMs: number;
  reclaimIntervalMs: number;
  log: Logger;
  /**
   * Handles one entry; resolves true to acknowledge it, false to leave it pending (it is reclaimed after
   * `reclaimIdleMs`). A throw leaves it pending too.
   */
  handle(entry: StreamEntry): Promise<boolean>;
  /** Tests only: called after an entry is handled and before its XACK (the crash point between the two). */
  beforeAck?(): void;
}

export interface Consumer {
  /** Resolves once the group exists (created at the stream's end on first start: no mail for history). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

type RawEntry = [id: string, fields: string[] | null];

/**
 * A member of the stream's consumer group: reads new entries (XREADGROUP `>`), handles up to `batchSize` at once,
 * acknowledges each handled entry (XACK), and every `reclaimIntervalMs` takes over entries that another member took
 * and did not acknowledge for `reclaimIdleMs` (XAUTOCLAIM): that member died or hangs. Several workers share the
 * stream this way; the dedupe rows (deliveries.ts) keep an entry handled twice from mailing twice.
 */
export function startConsumer(options: ConsumerOptions): Consumer {
  const { reader, redis, stream, group, consumer, log } = options;
  let stopped = false;
  // Entries this process is handling now. A mail retried with backoff can take longer than `reclaimIdleMs`: the
  // heartbeat below keeps such entries from looking abandoned, and the reclaim round skips them here.
  const inFlight = new Set<string>();

  const ready = redis.xgroup("CREATE", stream, group, "$", "MKSTREAM").then(
    () => undefined,
    (error: Error) => {
      if (!error.message.includes("BUSYGROUP")) throw error;
    },
  );

  // Settles whenever an entry in flight is done: the read loop waits on it while every slot is taken.
  const handling = new Set<Promise<void>>();

  /** Starts handling each entry not already in flight; resolves when these are done. */
  function handleAll(entries: RawEntry[]): Promise<void> {
    const started = entries.flatMap(([id, fields]) => {
      if (inFlight.has(id)) return [];
      inFlight.add(id);
      const done = handleOne(id, fields).finally(() => {
        inFlight.delete(id);
        handling.delete(done);
      });
      handling.add(done);
      return [done];
    });
    return Promise.all(started).then(() => undefined);
  }

  /** Handles one entry and acknowledges it when done; an entry left unacknowledged is reclaimed later. */
  async function handleOne(id: string, fields: string[] | null) {
    // A reclaimed entry trimmed from the stream meanwhile has no fields: nothing left to handle.
    const done =
      fields === null ||
      (await options.handle({ id, fields }).catch((error: unknown) => {
        log.error({ err: error, streamEntryId: id }, "handling an order event failed; it stays pending");
        return false;
      }));
    if (!done) return;
    options.beforeAck?.();
    await redis.xack(stream, group, id);
  }

  /**
   * Keeps up to `batchSize` entries in flight: a mail waiting out an SMTP outage holds one slot, not the stream, so
   * the entries behind it are read and tried meanwhile.
   */
  async function readLoop() {
    await ready;
    while (!stopped) {
      const free = options.batchSize - inFlight.size;
      if (free <= 0) {
        await Promise.race(handling);
        continue;
      }
      try {
        const answer = (await reader.xreadgroup(
          "GROUP",
          group,
          consumer,
          "COUNT",
          free,
          "BLOCK",
          options.blockMs,
          "STREAMS",
          stream,
          ">",
        )) as [string, RawEntry[]][] | null;
        const entries = answer?.[0]?.[1] ?? [];
        void handleAll(entries);
      } catch (error) {
        if (stopped) return;
        log.error({ err: error }, "reading the order events stream failed; retrying in a second");
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  async function reclaimRound() {
    let cursor = "0-0";
    do {
      const [next, entries] = (await redis.xautoclaim(
        stream,
        group,
        consumer,
        options.reclaimIdleMs,
        cursor,
        "COUNT",
        options.batchSize,
      )) as [string, RawEntry[], ...unknown[]];
      cursor = next;
      if (entries.length > 0) {
        notificationMetrics.reclaimed.inc(entries.length);
        log.warn({ entries: entries.length }, "took over order events another worker did not acknowledge");
        await handleAll(entries);
      }
    } while (cursor !== "0-0" && !stopped);
  }

  let reclaiming: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    reclaiming = reclaiming
      .then(async () => {
        await ready;
        if (!stopped) await reclaimRound();
      })
      .catch((error: unknown) => log.error({ err: error }, "reclaiming pending order events failed"));
  }, options.reclaimIntervalMs);
  timer.unref();

  // XCLAIM with min-idle 0 to ourselves resets an entry's idle time: another worker's XAUTOCLAIM leaves it to us.
  const heartbeat = setInterval(
    () => {
      if (inFlight.size === 0 || stopped) return;
      redis
        .xclaim(stream, group, consumer, 0, ...inFlight, "JUSTID")
        .catch((error: unknown) => log.warn({ err: error }, "could not renew the claim on the entries in flight"));
    },
    Math.max(50, Math.floor(options.reclaimIdleMs / 3)),
  );
  heartbeat.unref();

  const reading = readLoop();
  return {
    ready,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(heartbeat);
      await Promise.all([reading, reclaiming]);
      await Promise.all(handling);
    },
  };
}
