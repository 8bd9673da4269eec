/**
 * Flash-sale checkouts per second through the gateway, and the cost of a sold-out rejection, beside a baseline read
 * (`{ cart { itemCount } }`, one subgraph) in the same run. Every request is a different customer with their own
 * cart and idempotency key, as in a real sale, all buying the same product. Run under the machine's benchmark lock:
 * `flock /tmp/shop-bench.lock npm run bench:flash-sale` (or `npm run bench`).
 *
 * The shop runs as deployed: `npm run build`, then every service's compiled dist/index.js on plain Node with
 * NODE_ENV=production and secrets of this run, as separate processes; autocannon drives the gateway from this one
 * (BENCH_CONNECTIONS connections). Background jobs that do not serve requests (the inventory's sweeper and
 * reconciler, checkout recovery, the outbox relay's fallback poll; the relay still wakes on every NOTIFY) are slowed
 * to once an hour, so that only requests are measured.
 *
 * Each phase first warms up on customers and a product of its own (BENCH_WARMUP requests), then sends a fixed number
 * of measured requests (BENCH_CUSTOMERS checkouts, twice as many reads). Measured over those requests only:
 * - CPU: utime+stime of each of the six processes from /proc/<pid>/stat, divided by answers.
 * - SQL transactions: PostgreSQL's own per-database counter (pg_stat_database commits + rollbacks), read after the
 *   backends flushed their counters, so no counter lives in the services. Every statement the services send outside a
 *   transaction is its own transaction; a transaction of several statements counts once.
 * - Redis commands: INFO commandstats (server-wide, so any other client of the same Redis server counts too).
 *
 * BENCH_CPU_PROF_DIR=<dir> also writes V8 CPU profiles of all six processes there, with windows.json naming each
 * phase's measured interval; `npx tsx bench/cpuprofile-summary.ts <dir>` reads them. Profiling slows the processes:
 * figures of such a run are not comparable with others.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { Redis } from "ioredis";
import postgres from "postgres";
import { SUBGRAPHS } from "@shop/runtime";
import { ADDRESS, createCategory, createStockedProducts, signInAdmin } from "../tests/support/shop";
import type { Stack } from "../tests/support/stack";
import {
  benchConfig,
  cpuMeter,
  drive,
  inBatches,
  round,
  runDescription,
  spawnShop,
  table,
  writeResult,
  type Call,
  type DriveResult,
  gql,
} from "./lib";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 4600);
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
/** A backend flushes its statistics at most every second while busy and within 10 s once idle (PostgreSQL 15+). */
const STATS_FLUSH_MS = 11_000;
const PROCESSES = ["gateway", ...SUBGRAPHS] as const;
if (!(CUSTOMERS >= 1 && WARMUP >= 1 && CONNECTIONS >= 1))
  throw new Error("BENCH_CUSTOMERS, BENCH_WARMUP and BENCH_CONNECTIONS must be positive");

const READ = `{ cart { __typename itemCount } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on Order { status } } }`;
const HOUR_MS = "3600000";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const startedAt = Date.now();
/** Taken at the start: files edited while it runs do not change what was measured. */
const description = runDescription();
const loadAtStart = os.loadavg()[0]!;
const { config, dropDatabases } = benchConfig(3, "shop_bench_flash");
const redis = new Redis(config.redisUrl);
const databases = Object.fromEntries(SUBGRAPHS.map((name) => [name, new URL(config.subgraphs[name].databaseUrl).pathname.slice(1)]));
const maintenance = new URL(config.subgraphs.order.databaseUrl);
maintenance.pathname = "/postgres";
const stats = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });

/** Transactions (statements outside a transaction each count as one) each subgraph's database has finished so far. */
async function statements(): Promise<Record<string, number>> {
  const rows = await stats<{ datname: string; total: string }[]>`
    select datname, (xact_commit + xact_rollback)::text as total from pg_stat_database
    where datname in ${stats(Object.values(databases))}`;
  return Object.fromEntries(SUBGRAPHS.map((name) => [name, Number(rows.find((row) => row.datname === databases[name])?.total ?? NaN)]));
}

/** Commands the Redis server has run so far, all clients and databases, INFO itself left out. */
async function redisCommands(): Promise<number> {
  const info = await redis.info("commandstats");
  return [...info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].reduce(
    (sum, [, name, calls]) => (name === "info" ? sum : sum + Number(calls)),
    0,
  );
}

interface Phase {
  name: string;
  /** Puts the warm-up's and the measured requests' carts in place. */
  prepare: () => Promise<void>;
  warmup: { amount: number; call: (index: number) => Call };
  measured: { amount: number; call: (index: number) => Call };
}

interface Measured {
  phase: string;
  run: DriveResult;
  /** CPU ms per answer, by process. */
  cpu: Record<string, number>;
  /** Statements per answer, by database. */
  sql: Record<string, number>;
  redis: number;
}

if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
const profiled = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : undefined;
const windows: { name: string; pid: Record<string, number>; startUs: number; endUs: number; requests: number }[] = [];
let shop: Awaited<ReturnType<typeof spawnShop>> | undefined;

try {
  await dropDatabases();
  await redis.flushdb();
  shop = await spawnShop(config, BASE_PORT, {
    mode: "compiled",
    env: {
      RESERVATION_SWEEP_INTERVAL_MS: HOUR_MS,
      STOCK_RECONCILE_INTERVAL_MS: HOUR_MS,
      CHECKOUT_RECOVERY_INTERVAL_MS: HOUR_MS,
      OUTBOX_POLL_INTERVAL_MS: HOUR_MS,
    },
    execArgv: Object.fromEntries(PROCESSES.map((name) => [name, profiled])),
  });
  const { pids } = shop;
  const url = shop.gatewayUrl;
  // The test helpers only need the config and the gateway URL.
  const stack = { config, gatewayUrl: url } as Stack;
  const admin = await signInAdmin(stack);
  const category = await createCategory(stack);
  const runId = crypto.randomUUID().slice(0, 8);
  const signUp = (group: string, count: number) =>
    inBatches(Array.from({ length: count }), 16, async (_, i) => {
      const { signUp } = await gql(url, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
        i: { email: `bench-${runId}-${group}-${i}@example.com`, password: "bench password", name: `Bench ${group} ${i}` },
      });
      return signUp.token as string;
    });
  // Measured requests and warm-ups never share a customer (nor a product): the warm-up leaves nothing warm in the data.
  const customers = await signUp("sale", CUSTOMERS);
  const warmers = await signUp("warmup", WARMUP);
  const fill = (tokens: string[], productId: string) =>
    inBatches(tokens, 16, (token) =>
      gql(
        url,
        `mutation($p: ID!) { clearCart { itemCount } addToCart(productId: $p, quantity: 1) { itemCount } }`,
        { p: productId },
        token,
      ),
    );
  const product = async (onHand: number) => ((await createStockedProducts(stack, admin.token, category, 1, { onHand })) as [string])[0];
  const read = (tokens: string[]) => (i: number) => ({ body: JSON.stringify({ query: READ }), token: tokens[i % tokens.length] });
  const checkout = (tokens: string[]) => (i: number) => ({
    body: JSON.stringify({
      query: CHECKOUT,
      variables: { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
    }),
    token: tokens[i % tokens.length],
  });

  await Promise.all([fill(customers, await product(0)), fill(warmers, await product(0))]);
  const phases: Phase[] = [
    {
      // An authenticated one-subgraph read through the same gateway, every customer twice.
      name: "baseline: { cart { itemCount } }",
      prepare: async () => {},
      warmup: { amount: 2 * WARMUP, call: read(warmers) },
      measured: { amount: 2 * CUSTOMERS, call: read(customers) },
    },
    {
      // Stock for everyone, so every checkout runs the whole saga (reserve, order, charge, commit, cart).
      name: "checkout → PAID order",
      prepare: async () => {
        const [sale, warm] = await Promise.all([product(CUSTOMERS), product(WARMUP)]);
        await Promise.all([fill(customers, sale), fill(warmers, warm)]);
      },
      warmup: { amount: WARMUP, call: checkout(warmers) },
      measured: { amount: CUSTOMERS, call: checkout(customers) },
    },
    {
      // The product has no stock left: every checkout is refused before anything is written.
      name: "checkout → sold out (InsufficientStockError)",
      prepare: async () => {
        const [sale, warm] = await Promise.all([product(0), product(0)]);
        await Promise.all([fill(customers, sale), fill(warmers, warm)]);
      },
      warmup: { amount: WARMUP, call: checkout(warmers) },
      measured: { amount: CUSTOMERS, call: checkout(customers) },
    },
  ];

  const results: Measured[] = [];
  for (const phase of phases) {
    console.log(`${Math.round((Date.now() - startedAt) / 1000)} s: ${phase.name}`);
    await phase.prepare();
    const warm = await drive(url, { connections: CONNECTIONS, ...phase.warmup });
    if (warm.firstFailure) console.log(`  warm-up failures, first: ${warm.firstFailure}`);
    await sleep(STATS_FLUSH_MS);
    const sqlBefore = await statements();
    const redisBefore = await redisCommands();
    const cpu = cpuMeter(pids);
    const startUs = Number(process.hrtime.bigint() / 1000n);
    const run = await drive(url, { connections: CONNECTIONS, ...phase.measured });
    const endUs = Number(process.hrtime.bigint() / 1000n);
    const used = cpu();
    const redisAfter = await redisCommands();
    windows.push({ name: phase.name, pid: pids, startUs, endUs, requests: run.responses });
    await sleep(STATS_FLUSH_MS);
    const sqlAfter = await statements();
    const per = (value: number) => value / Math.max(1, run.responses);
    const measured: Measured = {
      phase: phase.name,
      run,
      cpu: Object.fromEntries(PROCESSES.map((name) => [name, per(used[name]!)])),
      sql: Object.fromEntries(SUBGRAPHS.map((name) => [name, per(sqlAfter[name]! - sqlBefore[name]!)])),
      redis: per(redisAfter - redisBefore),
    };
    results.push(measured);
    console.log(
      `  ${round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${[...run.typenames].map(([k, v]) => `${k} ${v}`).join(", ")}; ` +
        `CPU ${round(
          Object.values(measured.cpu).reduce((a, b) => a + b, 0),
          2,
        )} ms/req` +
        (run.firstFailure ? `; first failure: ${run.firstFailure}` : ""),
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Write-up
  const [baseline, paid, soldOut] = results as [Measured, Measured, Measured];
  const total = (m: Measured) => Object.values(m.cpu).reduce((a, b) => a + b, 0);
  const ratio = (m: Measured) => round(m.run.rps / baseline.run.rps, 2);
  const errors = (m: Measured) => m.run.non2xx + m.run.graphqlErrors + m.run.transportErrors;
  const throughput = results.map((m) => ({
    operation: m.phase,
    requests: m.run.responses,
    "req/s": round(m.run.rps),
    "p50 ms": m.run.p50,
    "p99 ms": m.run.p99,
    "vs baseline (req/s)": ratio(m),
    answers: [...m.run.typenames].map(([k, v]) => `${k} ${v}`).join(", "),
    errors: errors(m),
  }));
  const cpu = results.map((m) => ({
    operation: m.phase,
    ...Object.fromEntries(PROCESSES.map((name) => [name, round(m.cpu[name]!, 2)])),
    "total CPU ms/req": round(total(m), 2),
  }));
  const io = results.map((m) => ({
    operation: m.phase,
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name} SQL xacts`, round(m.sql[name]!, 2)])),
    "SQL xacts/req": round(
      Object.values(m.sql).reduce((a, b) => a + b, 0),
      2,
    ),
    "Redis commands/req": round(m.redis, 2),
  }));
  const yes = (ok: boolean) => (ok ? "**yes**" : "no");
  const targets = [
    `paid checkouts/s ≥ 0.5× the read: ${yes(ratio(paid) >= 0.5)} (${ratio(paid)}×), p99 < 300 ms: ${yes(paid.run.p99 < 300)} (${paid.run.p99} ms)`,
    `sold-out rejections/s ≥ 1.0× the read: ${yes(ratio(soldOut) >= 1)} (${ratio(soldOut)}×)`,
    `CPU per paid checkout ≤ 12 ms: ${yes(total(paid) <= 12)} (${round(total(paid), 2)} ms)`,
  ];
  const markdown = [
    `### Flash-sale checkouts through the gateway (${CUSTOMERS} customers, ${CONNECTIONS} connections)`,
    "",
    `\`npm run bench:flash-sale\` — ${description}; load average ${round(loadAtStart)} at the start, ` +
      `${round(os.loadavg()[0]!)} at the end; ${Math.round((Date.now() - startedAt) / 1000)} s. Compiled services ` +
      `(\`npm run build\`) on plain Node, NODE_ENV=production.` +
      (PROFILE_DIR ? " **Profiled run (--cpu-prof): not comparable.**" : ""),
    "",
    table(throughput),
    "",
    "CPU ms per answer, by process (utime+stime over the measured requests):",
    "",
    table(cpu),
    "",
    "SQL transactions (a statement outside a transaction is one) and Redis commands per answer:",
    "",
    table(io),
    "",
    `Targets: ${targets.join("; ")}.`,
    "",
    `Each phase: a warm-up of ${WARMUP} checkouts (${2 * WARMUP} reads) by other customers on another product, then the ` +
      `measured requests, each customer once (reads: twice). **req/s** answers over the phase's wall time; **errors** ` +
      `non-2xx + GraphQL errors + transport errors. SQL: pg_stat_database commits + rollbacks of each database (a ` +
      `transaction counts once, however many statements it holds). Redis: INFO commandstats of the whole server, so ` +
      `valid only while nothing else uses it. Background jobs paused (sweeper, reconciler, checkout recovery, outbox poll).`,
    "",
    `Reproduce: \`flock /tmp/shop-bench.lock npm run bench:flash-sale\` (BENCH_CUSTOMERS, BENCH_WARMUP, BENCH_CONNECTIONS, ` +
      `BENCH_BASE_PORT; BENCH_CPU_PROF_DIR for V8 profiles).`,
  ].join("\n");
  console.log(`\n${markdown}`);
  writeResult(new URL("results/flash-sale.md", import.meta.url), markdown);
} finally {
  await shop?.stop();
  if (PROFILE_DIR) writeFileSync(`${PROFILE_DIR}/windows.json`, JSON.stringify(windows, null, 2));
  await stats.end();
  await redis.flushdb().catch(() => {});
  redis.disconnect();
  await dropDatabases().catch(() => {});
}
