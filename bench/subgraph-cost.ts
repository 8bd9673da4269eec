/**
 * CPU per gateway request of the product and inventory subgraphs (and the gateway's), under four read workloads
 * through the gateway: Q1 `products(first: 20)` with price, category and inventory; Q2 `product(id)` with price and
 * inventory; Q3 a signed-in `cart` (prices through @requires, inventory); and a storefront mix (60% product pages
 * over a Zipf draw of the seeded products, 25% listing pages by category or search term, pages 1–3, 15% carts of
 * many customers). Run: `npm run bench:subgraph-cost` (or `npm run bench`).
 *
 * The shop runs as separate processes, as under `npm start`, on the demo catalog (320 products) plus BENCH_CUSTOMERS
 * customers with carts. Every workload first warms up, then sends a fixed number of requests with autocannon
 * (BENCH_CONNECTIONS connections); CPU is utime+stime from /proc/<pid>/stat before and after, divided by requests.
 * SQL statements per request come from PostgreSQL's own per-database counter (pg_stat_database.xact_commit: every
 * statement the subgraphs send is its own implicit transaction), read after the backends flushed their counters, so
 * no counter lives in the subgraphs. Requests vary (pages, products, customers) and the gateway's response cache and
 * request deduplication are switched off, so every gateway request reaches the subgraphs. The inventory's
 * background jobs (sweeper, reconciler) are slowed to once an hour so that only requests are measured. The processes
 * run with NODE_ENV=production (and secrets of this run), as deployed: graphql-js skips its development-only checks.
 *
 * BENCH_CPU_PROF_DIR=<dir> also writes V8 CPU profiles of the product and inventory processes there, with
 * windows.json naming each workload's measured interval; `npx tsx bench/cpuprofile-summary.ts <dir>` reads them.
 * Profiling slows the processes: figures of such a run are not comparable with others.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { demoCatalog } from "@shop/product/seed";
import { generateInternalKeys, internalKeysEnv } from "@shop/runtime";
import { prepareDatabases } from "../scripts/lib/prepare";
import { benchConfig, cpuMeter, drive, inBatches, round, runDescription, spawnShop, table, writeResult, type Call, gql } from "./lib";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Scales every workload's request count (1 = the defaults below). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
/** A backend flushes its statistics at most every second while busy and within 10 s once idle (PostgreSQL 15+). */
const STATS_FLUSH_MS = 11_000;
const MEASURED = ["product", "inventory", "gateway"] as const;

/** Deterministic PRNG (mulberry32): the same request sequence on every run, so before and after see the same load. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws indexes 0..n-1 with P(k) ∝ 1/(k+1)^s: a few best-sellers and a long tail. */
function zipf(n: number, r: () => number, s = 1): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let k = 1; k <= n; k += 1) cdf.push((sum += 1 / k ** s));
  return () => {
    const x = r() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cdf[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

const Q1 = `query Q1($after: String) { products(first: 20, after: $after) { edges { node { id title price { amount currency } category { id name } inventory { available inStock } } } pageInfo { hasNextPage endCursor } } }`;
const Q2 = `query Q2($id: ID!) { product(id: $id) { id title price { amount currency } inventory { available inStock } } }`;
const CART = `query Cart { cart { id itemCount items { quantity product { id title inventory { available } } unitPrice { amount currency } lineTotal { amount currency } } subtotal { amount currency } } }`;
const PRODUCT_PAGE = `query ProductPage($slug: String!) { product(slug: $slug) { id title description price { amount currency } category { name slug } inventory { available inStock } } }`;
const LISTING = `query Listing($filter: ProductFilter, $after: String) { products(first: 20, filter: $filter, after: $after) { edges { node { id slug title price { amount currency } inventory { inStock } } } pageInfo { hasNextPage endCursor } } }`;
const SEARCH_TERMS = ["lamp", "steel", "waterproof", "wireless", "cotton", "set", "organic", "portable"];

const { config, dropDatabases } = benchConfig(4);
const startedAt = Date.now();
await dropDatabases();
await prepareDatabases(config, new URL("..", import.meta.url));
const catalog = demoCatalog();
const databaseOf = (name: "product" | "inventory") => new URL(config.subgraphs[name].databaseUrl).pathname.slice(1);
const maintenance = new URL(config.subgraphs.product.databaseUrl);
maintenance.pathname = "/postgres";
const stats = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
/** Transactions each database has committed or rolled back so far, as flushed by its backends. */
async function transactions(): Promise<Record<"product" | "inventory", number>> {
  const rows = await stats<{ datname: string; total: string }[]>`
    select datname, (xact_commit + xact_rollback)::text as total from pg_stat_database
    where datname in (${databaseOf("product")}, ${databaseOf("inventory")})`;
  const of = (name: "product" | "inventory") => Number(rows.find((row) => row.datname === databaseOf(name))?.total ?? NaN);
  return { product: of("product"), inventory: of("inventory") };
}

if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
const profiled = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : undefined;
let shop: Awaited<ReturnType<typeof spawnShop>> | undefined;
const windows: { name: string; pid: Record<string, number>; startUs: number; endUs: number }[] = [];

try {
  shop = await spawnShop(config, 4700, {
    env: {
      NODE_ENV: "production",
      PAYMENT_PROVIDER: "simulated",
      JWT_SECRET: randomBytes(32).toString("hex"),
      ...internalKeysEnv(generateInternalKeys()),
      ADMIN_PASSWORD: randomBytes(16).toString("hex"),
      RESPONSE_CACHE_ENABLED: "false",
      SUBGRAPH_DEDUPLICATION_ENABLED: "false",
      RESERVATION_SWEEP_INTERVAL_MS: "3600000",
      STOCK_RECONCILE_INTERVAL_MS: "3600000",
    },
    execArgv: { product: profiled, inventory: profiled },
  });
  const { pids } = shop;
  const url = shop.gatewayUrl;

  // Customers with 1–6 lines of in-stock products each.
  const r = random(8);
  const inStock = catalog.products.filter((product) => product.initialStock > 0);
  const tokens = await inBatches(Array.from({ length: CUSTOMERS }), 16, async (_, i) => {
    const { signUp } = await gql(url, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
      i: { email: `bench-cost-${i}@example.com`, password: "bench password", name: `Bench ${i}` },
    });
    return signUp.token as string;
  });
  const lines = tokens.map(() =>
    Array.from({ length: 1 + Math.floor(r() * 6) }, () => inStock[Math.floor(r() * inStock.length)]!.id).filter(
      (id, index, all) => all.indexOf(id) === index,
    ),
  );
  await inBatches(tokens, 16, (token, i) =>
    gql(
      url,
      `mutation { ${lines[i]!.map((id, n) => `a${n}: addToCart(productId: "${id}", quantity: ${1 + (n % 3)}) { itemCount }`).join(" ")} }`,
      {},
      token,
    ),
  );

  // Cursors of listing pages 1–3 (all products: every page, for Q1).
  const pagesOf = async (filter: Record<string, unknown> | null, pages: number) => {
    const afters: (string | null)[] = [null];
    while (afters.length < pages) {
      const { products } = await gql(url, LISTING, { filter, after: afters.at(-1) });
      if (!products.pageInfo.hasNextPage) break;
      afters.push(products.pageInfo.endCursor);
    }
    return afters.map((after) => ({ filter, after }));
  };
  const allPages = await pagesOf(null, Math.ceil(catalog.products.length / 20));
  const listings = [
    ...(await Promise.all(catalog.categories.map((category) => pagesOf({ categorySlug: category.slug }, 3)))).flat(),
    ...(await Promise.all(SEARCH_TERMS.map((search) => pagesOf({ search }, 3)))).flat(),
  ];

  const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
  const cartCall = (i: number): Call => ({ body: body(CART), token: tokens[i % tokens.length] });
  // Product popularity: a fixed shuffle of the catalog, ranked by a Zipf draw.
  const byPopularity = [...catalog.products].sort(() => r() - 0.5);
  const popular = zipf(byPopularity.length, r);
  const mix = (): Call => {
    const roll = r();
    if (roll < 0.6) return { body: body(PRODUCT_PAGE, { slug: byPopularity[popular()]!.slug }) };
    if (roll < 0.85) return { body: body(LISTING, listings[Math.floor(r() * listings.length)]) };
    return cartCall(Math.floor(r() * tokens.length));
  };
  const workloads = [
    {
      name: "Q1 products(first: 20) + price, category, inventory",
      requests: 1200,
      call: (i: number): Call => ({ body: body(Q1, { after: allPages[i % allPages.length]!.after }) }),
    },
    {
      name: "Q2 product(id) + price, inventory",
      requests: 2400,
      call: (i: number): Call => ({ body: body(Q2, { id: catalog.products[i % catalog.products.length]!.id }) }),
    },
    { name: "Q3 signed-in cart (@requires prices, inventory)", requests: 1200, call: cartCall },
    { name: "storefront mix (60% product, 25% listing, 15% cart)", requests: 2400, call: mix },
  ];

  /** autocannon over `calls` in order (cycling); fails on any non-200 answer or GraphQL error. */
  const load = async (calls: Call[], amount: number) => {
    const run = await drive(url, { connections: CONNECTIONS, amount, call: (i) => calls[i % calls.length]! });
    const failures = run.non2xx + run.graphqlErrors + run.transportErrors;
    if (failures > 0) throw new Error(`${failures} failed requests, first: ${run.firstFailure}`);
    return run;
  };

  const rows = [];
  await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
  for (const workload of workloads) {
    const amount = Math.round(workload.requests * SCALE);
    const warmup = Math.max(200, Math.round(amount / 10));
    const calls = Array.from({ length: amount + warmup }, (_, i) => workload.call(i));
    const sqlBefore = await transactions();
    await load(calls.slice(amount), warmup);
    const cpu = cpuMeter(Object.fromEntries(MEASURED.map((name) => [name, pids[name]!])));
    const startUs = Number(process.hrtime.bigint() / 1000n);
    const run = await load(calls.slice(0, amount), amount);
    const endUs = Number(process.hrtime.bigint() / 1000n);
    const used = cpu();
    windows.push({ name: workload.name, pid: pids, startUs, endUs });
    // Statements: warm-up and measured requests together, once every backend has flushed its counters.
    await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
    const sqlAfter = await transactions();
    const requests = run.responses;
    const perRequest = (name: (typeof MEASURED)[number]) => round(used[name]! / requests, 3);
    const statements = (name: "product" | "inventory") => round((sqlAfter[name] - sqlBefore[name]) / (requests + warmup), 2);
    const row = {
      workload: workload.name,
      requests,
      "req/s": round(run.rps),
      "p50 ms": run.p50,
      "p99 ms": run.p99,
      "product CPU ms/req": perRequest("product"),
      "inventory CPU ms/req": perRequest("inventory"),
      "gateway CPU ms/req": perRequest("gateway"),
      "product SQL/req": statements("product"),
      "inventory SQL/req": statements("inventory"),
    };
    console.log(row);
    rows.push(row);
  }

  const markdown = [
    `### Subgraph cost: CPU per gateway request (${CONNECTIONS} connections)`,
    "",
    `\`npm run bench:subgraph-cost\` — ${runDescription()}, ` +
      `load average ${os.loadavg()[0]!.toFixed(1)} at the end; ${Math.round((Date.now() - startedAt) / 1000)} s. ` +
      `Demo catalog (${catalog.products.length} products, ${catalog.categories.length} categories), ${CUSTOMERS} customers with 1–6 cart lines.` +
      (PROFILE_DIR ? " **Profiled run (--cpu-prof): not comparable.**" : ""),
    "",
    table(rows),
    "",
    "CPU: utime+stime of the process (all threads) over the measured requests, after a warm-up of a tenth of them. " +
      "SQL/req: statements the subgraph sent per gateway request (pg_stat_database transactions, warm-up included). " +
      "Response cache and subgraph request deduplication off; inventory background jobs paused.",
  ].join("\n");
  console.log(markdown);
  // A before/after comparison written below the marker (by hand, from several runs) outlives the next run.
  writeResult(new URL("results/subgraph-cost.md", import.meta.url), markdown);
} finally {
  if (PROFILE_DIR) writeFileSync(`${PROFILE_DIR}/windows.json`, JSON.stringify(windows, null, 2));
  await shop?.stop();
  await stats.end();
  await dropDatabases();
}
