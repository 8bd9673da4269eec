/**
 * Reservation micro-benchmark (`npx tsx bench/reservations.ts`, also run by `npm run bench`).
 *
 * Reserve + release of 1 unit through the real Lua path (reserve.lua then release.lua by EVALSHA through ioredis,
 * one client as the subgraph uses, on a fresh product key with a huge stock: the Redis part of a reservation only)
 * against the same semantics in PostgreSQL: a row-locked conditional UPDATE on ONE hot row and the give-back
 * UPDATE, each its own autocommit transaction. 1, 8 and 32 concurrent callers, ~3 s each, same process, same run.
 * Then redis-benchmark EVALSHA-ing reserve.lua with the same KEYS/ARGV (-n 100000 -c 32) as the ceiling.
 *
 * It uses Redis db 2 (only the inventory's key names there are touched) and a scratch PostgreSQL database that it
 * creates and drops, on loopback addresses only. Writes bench/results/reservations.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import postgres from "postgres";
import { dropDatabase, ensureDatabase } from "@shop/runtime";
import { ALL_KEYS_PATTERN, availableKey, HELD_KEY, READY_KEY, VERSION_KEY } from "../subgraphs/inventory/src/services/stock/counter-keys";
import { releaseScript, reserveScript, scriptSource } from "../subgraphs/inventory/src/services/stock/counters";
import { encodeLines } from "../subgraphs/inventory/src/services/reservations/reservation-lines";
import { round, table, type Row } from "./lib";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/2";
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/shop_bench_reservations";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_MS = 300;
const CONCURRENCY = [1, 8, 32];
const STOCK = 1_000_000_000;

for (const url of [REDIS_URL, POSTGRES_URL]) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host))
    throw new Error(`${url}: this benchmark only runs against loopback addresses`);
}

interface Measure {
  ops: number;
  seconds: number;
  latencies: number[];
}

/** Runs `op` in `callers` loops for `seconds` (after a short unmeasured warm-up): throughput and latencies. */
async function measure(callers: number, op: () => Promise<void>): Promise<Measure> {
  const warmEnd = performance.now() + WARMUP_MS;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < warmEnd) await op();
    }),
  );
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < end) {
        const begin = performance.now();
        await op();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  return { ops: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function main() {
  const redis = new Redis(REDIS_URL);
  const productId = crypto.randomUUID();
  const line = [{ productId, quantity: 1 }];
  const dropInventoryKeys = () =>
    redis.eval(`for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end return 1`, 0, ALL_KEYS_PATTERN);
  await dropInventoryKeys();
  await redis.set(READY_KEY, "bench");
  await redis.set(availableKey(productId), STOCK);

  await ensureDatabase(POSTGRES_URL);
  const setup = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  const [{ free } = { free: 0 }] = await setup<{ free: number }[]>`
    select current_setting('max_connections')::int - (select count(*) from pg_stat_activity)::int as free`;
  if (free < Math.max(...CONCURRENCY) + 4) {
    await setup.end();
    await dropScratchDatabase();
    throw new Error(
      `PostgreSQL has ${free} free connections; this benchmark needs ${Math.max(...CONCURRENCY) + 4}. Try when the server is quieter.`,
    );
  }
  await setup`create table if not exists stock (product_id uuid primary key, available integer not null check (available >= 0))`;
  await setup`insert into stock values (${productId}, ${STOCK})`;
  await setup.end();

  const rows: Row[] = [];
  try {
    for (const callers of CONCURRENCY) {
      const viaRedis = await measure(callers, async () => {
        const orderId = crypto.randomUUID();
        if ((await reserveScript(redis, orderId, line)).kind !== "OK") throw new Error("reserve.lua did not take the unit");
        if ((await releaseScript(redis, orderId, [productId])) !== "OK") throw new Error("release.lua did not give it back");
      });
      const sql = postgres(POSTGRES_URL, { max: callers, onnotice: () => {} });
      const viaPostgres = await measure(callers, async () => {
        const taken = await sql`update stock set available = available - 1 where product_id = ${productId} and available >= 1`;
        if (taken.count !== 1) throw new Error("the conditional UPDATE took nothing");
        await sql`update stock set available = available + 1 where product_id = ${productId}`;
      });
      await sql.end();
      const rate = (m: Measure) => m.ops / m.seconds;
      for (const [store, m] of [
        ["Redis (reserve.lua + release.lua)", viaRedis],
        ["PostgreSQL (row-locked UPDATE + give-back)", viaPostgres],
      ] as const) {
        rows.push({
          callers,
          store,
          "reserve+release/s": Math.round(rate(m)),
          "p50 ms": round(percentile(m.latencies, 50), 3),
          "p99 ms": round(percentile(m.latencies, 99), 3),
          "Redis / PostgreSQL": store.startsWith("Redis") ? `${round(rate(viaRedis) / rate(viaPostgres), 1)}×` : "",
        });
      }
      console.log(`${callers} callers: Redis ${Math.round(rate(viaRedis))}/s, PostgreSQL ${Math.round(rate(viaPostgres))}/s`);
    }
    if ((await redis.get(availableKey(productId))) !== String(STOCK) || (await redis.hlen(HELD_KEY)) !== 0) {
      throw new Error("the Redis counter or `held` did not come back to its start: a script is wrong");
    }

    // The ceiling: redis-benchmark EVALSHA-ing reserve.lua alone with the same KEYS/ARGV (a random order id each).
    const sha = (await redis.script("LOAD", scriptSource("reserve"))) as string;
    const { hostname, port, pathname } = new URL(REDIS_URL);
    const args = [
      "-h",
      hostname,
      "-p",
      port || "6379",
      "--dbnum",
      pathname.slice(1) || "0",
      "-n",
      "100000",
      "-c",
      "32",
      "-r",
      "1000000000",
      "--csv",
    ];
    const keys = [READY_KEY, VERSION_KEY, HELD_KEY, availableKey(productId)];
    const csv = execFileSync(
      "redis-benchmark",
      [...args, "EVALSHA", sha, String(keys.length), ...keys, "bench-__rand_int__", encodeLines(line), "1"],
      { encoding: "utf8" },
    );
    const [header, values] = csv
      .trim()
      .split("\n")
      .slice(-2)
      .map((text) => text.split(",").map((cell) => cell.replaceAll('"', "")));
    const field = (name: string) => Number(values![header!.indexOf(name)]);
    const ceiling = { rps: field("rps"), p50: field("p50_latency_ms"), p99: field("p99_latency_ms") };
    console.log(`redis-benchmark EVALSHA reserve.lua: ${ceiling.rps}/s`);

    const markdown = `## Reservations: Redis Lua path vs a PostgreSQL hot row

\`npx tsx bench/reservations.ts\` — ${new Date().toISOString().slice(0, 10)}, ${SECONDS} s per cell after a ${WARMUP_MS} ms warm-up,
one process, loopback PostgreSQL and Redis on the same machine (${os.cpus().length} CPUs, load average at the end
${os.loadavg()[0]!.toFixed(1)}: other work on the machine shows up in these figures).

One operation = reserve 1 unit and give it back. **Redis**: reserve.lua then release.lua by EVALSHA through one
ioredis client (the subgraph's own scripts and key layout; the Redis part of a reservation only). **PostgreSQL**:
\`UPDATE stock SET available = available - 1 WHERE product_id = $1 AND available >= 1\` then the give-back
\`UPDATE\`, each an autocommit transaction on ONE hot row (postgres.js pool of as many connections as callers, default
\`synchronous_commit\`). Latencies are per operation (two round trips each).

${table(rows)}

Ceiling: \`redis-benchmark -n 100000 -c 32 EVALSHA <reserve.lua> 4 <ready> <version> <held> <counter> <order> <lines> 1\`
(random order id per call, so every call takes a unit): **${Math.round(ceiling.rps)} reserve scripts/s**, p50 ${ceiling.p50} ms,
p99 ${ceiling.p99} ms. One script per call here versus two per operation above, and no Node client in the way.
`;
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./results/reservations.md", import.meta.url), markdown);
    console.log(`\n${markdown}\nWrote bench/results/reservations.md`);
  } finally {
    await dropInventoryKeys();
    redis.disconnect();
    await dropScratchDatabase();
  }
}

/** Drops the scratch database, retrying while the server has no connection slot left (a busy shared machine). */
async function dropScratchDatabase() {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dropDatabase(POSTGRES_URL);
    } catch (error) {
      if (attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

await main();
