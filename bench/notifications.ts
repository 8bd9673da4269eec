/**
 * `npm run bench:notifications`: 1,000 order events through two notifications worker processes into a local SMTP
 * server, twice: once undisturbed, and once with one worker killed (SIGKILL) a third of the way through, its entries
 * taken over by the other (XAUTOCLAIM). Each run appends the events the way the outbox relay does (XADD, 10% of them
 * published twice, as an at-least-once relay may), to a stream of its own; the real user and order subgraphs answer
 * the workers' internal calls; the figures are mails sent, duplicate mails, dead letters, and the time from the first
 * XADD until every entry is acknowledged. Results in bench/results/notifications.md.
 *
 * Run it under the benchmark lock on a shared machine: `flock /tmp/shop-bench.lock npm run bench:notifications`
 * (BENCH_EVENTS, default 1000).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startOrderSubgraph } from "@shop/order";
import { startUserSubgraph } from "@shop/user";
import { startSmtpSink } from "@shop/notifications/smtp-sink";
import { closeRedis, connectRedis, connectDatabase, generateInternalKeys, internalKeysEnv, migrateDatabase } from "@shop/runtime";
import { benchConfig, round, runDescription, table, writeResult, type Row } from "./lib";

const root = fileURLToPath(new URL("..", import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const USERS = 100;
const RECLAIM_IDLE_MS = 1000;
/** Event ids of both runs, distinct (the workers' dedupe rows are keyed by them). */
let nextEventId = Date.now();

const { config, dropDatabases } = benchConfig(2, "shop_bench_notify");
config.internalKeys = generateInternalKeys();

const user = await startUserSubgraph(config);
config.subgraphs.user.url = user.url;
const order = await startOrderSubgraph(config);
config.subgraphs.order.url = order.url;
const sink = await startSmtpSink();
const redis = connectRedis(config.redisUrl);

/** Users and paid orders written straight into their databases (the subgraphs' own tables): the workers read them. */
async function seed(): Promise<{ orderId: string; userId: string }[]> {
  const userIds = Array.from({ length: USERS }, () => randomUUID());
  await user.database.sql`insert into users ${user.database.sql(
    userIds.map((id, index) => ({
      id,
      email: `bench-${index}-${id.slice(0, 6)}@example.com`,
      name: `Customer ${index}`,
      password_hash: "-",
    })),
  )}`;
  const orders = Array.from({ length: EVENTS }, (_, index) => ({ orderId: randomUUID(), userId: userIds[index % USERS]! }));
  for (let start = 0; start < orders.length; start += 500) {
    const chunk = orders.slice(start, start + 500);
    await order.database.sql`insert into orders ${order.database.sql(
      chunk.map(({ orderId, userId }) => ({ id: orderId, user_id: userId, status: "PAID", currency: "USD", total_amount: 4500 })),
    )}`;
    await order.database.sql`insert into order_items ${order.database.sql(
      chunk.flatMap(({ orderId }) => [
        { order_id: orderId, product_id: randomUUID(), title: "Teapot", unit_price_amount: 2500, quantity: 1 },
        { order_id: orderId, product_id: randomUUID(), title: "Cup", unit_price_amount: 1000, quantity: 2 },
      ]),
    )}`;
  }
  return orders;
}

function spawnWorker(stream: string, group: string, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "workers/notifications/src/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...internalKeysEnv(config.internalKeys),
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      USER_URL: config.subgraphs.user.url,
      ORDER_URL: config.subgraphs.order.url,
      REDIS_URL: config.redisUrl,
      NOTIFICATIONS_DATABASE_URL: config.workers.notifications.databaseUrl,
      NOTIFICATIONS_PORT: String(port),
      SMTP_URL: sink.url,
      NOTIFICATIONS_STREAM: stream,
      NOTIFICATIONS_GROUP: group,
      NOTIFICATIONS_RECLAIM_IDLE_MS: String(RECLAIM_IDLE_MS),
      NOTIFICATIONS_RECLAIM_INTERVAL_MS: "250",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function pending(stream: string, group: string): Promise<number> {
  return ((await redis.xpending(stream, group)) as [number])[0];
}

async function run(name: string, orders: { orderId: string; userId: string }[], killOneAt?: number): Promise<Row> {
  const stream = `bench:notify:${randomUUID().slice(0, 8)}`;
  const group = "notifications";
  const ports = [4810, 4811];
  const workers = ports.map((port) => spawnWorker(stream, group, port));
  try {
    return await measure(name, orders, killOneAt, stream, group, ports, workers);
  } finally {
    // Whatever happened, no worker outlives its run (a failed run would leave them holding their ports).
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  }
}

async function measure(
  name: string,
  orders: { orderId: string; userId: string }[],
  killOneAt: number | undefined,
  stream: string,
  group: string,
  ports: number[],
  workers: ChildProcess[],
): Promise<Row> {
  await until(
    async () =>
      (
        await Promise.all(
          ports.map((port) =>
            fetch(`http://127.0.0.1:${port}/readyz`).then(
              (answer) => answer.ok,
              () => false,
            ),
          ),
        )
      ).every(Boolean),
    60_000,
    "the workers",
  );
  const before = sink.mails.length;
  const mails = () => sink.mails.slice(before);
  const entries: string[][] = [];
  for (const [index, { orderId, userId }] of orders.entries()) {
    const eventId = (nextEventId += 1);
    const payload = JSON.stringify({ eventId, orderId, userId, status: "PAID", note: null, at: new Date().toISOString() });
    const fields = ["id", String(eventId), "topic", "order.status_changed", "payload", payload];
    entries.push(fields);
    // The outbox relay publishes at least once: every tenth event a second time.
    if (index % 10 === 0) entries.push(fields);
  }
  const started = performance.now();
  const pipeline = redis.pipeline();
  for (const fields of entries) pipeline.xadd(stream, "*", ...fields);
  await pipeline.exec();
  let killed = false;
  if (killOneAt !== undefined) {
    await until(() => mails().length >= killOneAt, 120_000, "the kill point");
    workers[0]!.kill("SIGKILL");
    killed = true;
  }
  await until(async () => mails().length >= orders.length && (await pending(stream, group)) === 0, 300_000, "the drain");
  const seconds = (performance.now() - started) / 1000;
  // Anything still arriving after the drain would be a duplicate: give it a moment to show.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const received = mails();
  const distinct = new Set(received.map((mail) => mail.messageId)).size;
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGTERM");
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => (worker.exitCode !== null || worker.signalCode !== null ? resolve(null) : worker.once("exit", resolve))),
    ),
  );
  return {
    run: name,
    "events (stream entries)": `${orders.length} (${entries.length})`,
    "mails sent": received.length,
    "distinct Message-IDs": distinct,
    "duplicate mails": received.length - distinct,
    "missing mails": orders.length - distinct,
    "time to drain (s)": round(seconds, 2),
    "mails/s": Math.round(distinct / seconds),
    ...(killed ? { note: `one worker SIGKILLed after ${killOneAt} mails` } : { note: "" }),
  };
}

try {
  await migrateDatabase(
    config.workers.notifications.databaseUrl,
    fileURLToPath(new URL("../workers/notifications/drizzle", import.meta.url)),
  );
  const orders = await seed();
  const rows = [await run("two workers", orders), await run("two workers, one killed", orders, Math.floor(EVENTS / 3))];
  const worker = connectDatabase(config.workers.notifications.databaseUrl, {});
  const letters = await worker.sql<{ reason: string; count: number }[]>`
    select regexp_replace(reason, '[0-9a-f-]{36}', '<id>', 'g') as reason, count(*)::int as count from dead_letters group by 1 order by 2 desc`;
  const dead = letters.reduce((sum, letter) => sum + letter.count, 0);
  await worker.close();
  const markdown = `## Notifications: 1,000 order events through two workers

\`npm run bench:notifications\` (bench/notifications.ts), ${runDescription()}. Two notifications worker processes
(tsx, one consumer group) read ${EVENTS} \`PAID\` events from a stream of their own, 10% of them published twice as an
at-least-once relay may, ask the real user and order subgraphs (in the benchmark's process) for each order and
recipient, and mail a confirmation to a local SMTP server (smtp-server, in the benchmark's process). Time to drain:
from the first XADD until every mail arrived and no entry is pending. In the second run one worker is killed with
SIGKILL a third of the way through; the other takes its entries over after ${RECLAIM_IDLE_MS} ms idle (XAUTOCLAIM).

${table(rows)}

Dead letters over both runs: ${dead}${letters.length > 0 ? ` (${letters.map((letter) => `${letter.count} × ${letter.reason}`).join("; ")})` : ""}. "Duplicate mails" counts copies of a Message-ID already received: the dedupe
rows keep republished events and reclaimed entries from mailing twice; the one window they cannot close (a worker
killed after the SMTP server accepted a mail and before its commit) would show here as a duplicate with the same
Message-ID (workers/notifications/README.md).
`;
  writeResult(new URL("results/notifications.md", import.meta.url), markdown);
  console.log(markdown);
} finally {
  await closeRedis(redis);
  await sink.close();
  await order.stop();
  await user.stop();
  await dropDatabases();
}
