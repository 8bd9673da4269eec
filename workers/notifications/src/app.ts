import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import {
  answerProbe,
  closeRedis,
  connectDatabase,
  connectRedis,
  createLogger,
  listen,
  migrateDatabase,
  migrationsFolderOf,
  startTracing,
  type ShopConfig,
} from "@shop/runtime";
import { startConsumer } from "./consumer";
import { crashAt } from "./deliveries";
import { schema } from "./db/schema";
import { handleEntry, type EntryOutcome } from "./handle-entry";
import { createMailer } from "./mail/mailer";
import { notificationMetrics } from "./metrics";
import { createMailSources, type MailSources } from "./recipients";
import { loadNotificationSettings, mailDomainOf, type NotificationSettings } from "./settings";

const packageRoot = new URL("..", import.meta.url);

export interface WorkerOverrides {
  /** Where order details and recipients come from (default: the order and user subgraphs' internal fields). */
  sources?: MailSources;
  /** How long one XREADGROUP waits (default 2000 ms); tests stop faster with less. */
  blockMs?: number;
}

/**
 * Migrates the notifications database and starts the worker: a member of the `orders.events` consumer group that
 * mails customers about their orders (README of this package), and an HTTP server for `/livez`, `/readyz` and
 * `/metrics` on NOTIFICATIONS_PORT. `stop` finishes the batch in flight, then closes everything.
 */
export async function startNotificationsWorker(
  config: ShopConfig,
  settings: NotificationSettings = loadNotificationSettings(),
  overrides: WorkerOverrides = {},
) {
  const endpoint = config.workers.notifications;
  startTracing("notifications", config.otlpEndpoint);
  const log = createLogger("notifications", config.logLevel);
  await migrateDatabase(endpoint.databaseUrl, migrationsFolderOf(packageRoot));
  // A sending transaction holds its row lock through one SMTP exchange; a worker waiting on that lock must outlast it.
  const database = connectDatabase(endpoint.databaseUrl, schema, {
    max: Math.min(config.databasePoolSize, settings.batchSize + 2),
    name: "notifications",
    statementTimeoutMs: settings.smtpTimeoutMs * 4,
  });
  const redis = connectRedis(config.redisUrl);
  const reader = connectRedis(config.redisUrl);
  const mailer = createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom, timeoutMs: settings.smtpTimeoutMs });
  const stopping = new AbortController();
  const deps = {
    stopping: stopping.signal,
    database,
    mailer,
    log,
    retry: settings.retry,
    crashPoint: settings.crashPoint,
    sources: overrides.sources ?? createMailSources(config),
    messageIdDomain: mailDomainOf(settings.mailFrom),
  };
  // Entries this process acknowledged: tests see how two workers shared a stream.
  let acknowledged = 0;
  const consumerName = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const consumer = startConsumer({
    reader,
    redis,
    stream: settings.stream,
    group: settings.group,
    consumer: consumerName,
    batchSize: settings.batchSize,
    blockMs: overrides.blockMs ?? 2000,
    reclaimIdleMs: settings.reclaimIdleMs,
    reclaimIntervalMs: settings.reclaimIntervalMs,
    log,
    handle: async (entry) => {
      const outcome: EntryOutcome = await handleEntry(deps, entry);
      if (outcome === "retry-later" || outcome === "interrupted") return false;
      notificationMetrics.eventsHandled.inc({ outcome });
      acknowledged += 1;
      return true;
    },
    beforeAck: () => crashAt(settings.crashPoint, "after-commit"),
  });
  let draining = false;
  const closeAll = async () => {
    mailer.close();
    await Promise.all([closeRedis(redis), closeRedis(reader)]);
    await database.close();
  };
  try {
    await consumer.ready;
    const server = await listen(
      async (req, res) => {
        const path = (req.url ?? "/").split("?", 1)[0]!;
        const answered = await answerProbe(res, path, {
          service: "notifications",
          ready: async () => {
            await database.sql`select 1`;
            await redis.ping();
          },
          draining: () => draining,
          onNotReady: (error) => log.warn({ err: error }, "not ready"),
        });
        if (!answered) {
          res.writeHead(404, { "content-type": "text/plain" });
          res.end("The notifications worker serves /livez, /readyz and /metrics only.\n");
        }
      },
      endpoint.port,
      config.host,
    );
    log.info(
      { url: server.origin, consumer: consumerName, stream: settings.stream, group: settings.group },
      "notifications worker started",
    );
    return {
      name: "notifications" as const,
      /** http://host:port of the probes and metrics. */
      url: server.origin,
      consumerName,
      /** Stream entries this process handled and acknowledged so far. */
      acknowledged: () => acknowledged,
      database,
      redis,
      log,
      stop: async () => {
        draining = true;
        stopping.abort();
        await consumer.stop();
        await server.close();
        await closeAll();
      },
    };
  } catch (error) {
    stopping.abort();
    await consumer.stop();
    await closeAll();
    throw error;
  }
}
