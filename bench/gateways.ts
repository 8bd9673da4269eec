/**
 * Our gateway beside two peers on the same supergraph and the same five subgraph processes: Hive Gateway (its runtime
 * with the Rust query planner) and a stock `@apollo/gateway` inside `@apollo/server` (bench/gateways-peers.ts). Each
 * gateway is its own process, so its CPU is read from /proc per process.
 *
 * Workloads, 32 connections each (autocannon in this process):
 * - Q1, Q2, Q3: one query repeated on every connection — a product page of 20 (price, category, inventory), one
 *   product (price, inventory), one signed-in customer's cart (the `@requires` prices and inventory).
 * - storefront mix: 60% product pages (a Zipf(s=1) draw over every product), 25% listing pages (a category or a search
 *   term, pages 1–3 by real cursors), 15% signed-in carts of 200 customers — the same seeded sequence for every gateway.
 *
 * Before timing, every distinct request of every workload is sent to each peer and its `data` compared with our
 * gateway's. Under load every answer is compared with the one its gateway gave then (same bytes, or same `data`): a
 * cart answer carrying someone else's cart counts as a wrong answer, as does any other difference.
 *
 * The whole matrix runs twice (BENCH_ROUNDS), the gateways interleaved (order reversed in the second round). Run
 * under the machine's benchmark lock: `flock /tmp/shop-bench.lock npm run bench:gateways`.
 * Knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_ROUNDS (2), BENCH_CONNECTIONS (32), BENCH_SEED,
 * BENCH_BASE_PORT (4760), BENCH_NODE_ENV (production), BENCH_GATEWAY_ENTRY (see ourGatewayCommand).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { generateInternalKeys, internalKeysEnv, migrateDatabase, mulberry32, SUBGRAPHS, type SubgraphName } from "@shop/runtime";
import { seedStock } from "@shop/inventory/seed";
import { demoCatalog, seedProducts } from "@shop/product/seed";
import { build as esbuild } from "esbuild";
import { build, npmPackagesExternal } from "../scripts/lib/build";
import { BENCHMARK_LIMITS, benchConfig, cpuSeconds, inBatches, round, table, type Row } from "./lib";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEED = Number(process.env.BENCH_SEED ?? 20_261_121);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 4760);
const NODE_ENV = (process.env.BENCH_NODE_ENV ?? "production") as "production" | "development" | "test";
const CUSTOMERS = 200;
if (!(ROUNDS >= 1 && SECONDS > 0 && CONNECTIONS >= 1))
  throw new Error("BENCH_ROUNDS, BENCH_SECONDS and BENCH_CONNECTIONS must be positive");
const SEARCH_TERMS = [
  "waterproof",
  "steel",
  "wireless",
  "wooden",
  "cotton",
  "adjustable",
  "compact",
  "recycled",
  "ceramic",
  "ultralight",
  "desk",
  "garden",
  "speaker",
  "bag",
  "game",
  "jacket",
  "kit",
  "classic",
  "travel",
  "lamp",
];

const root = new URL("..", import.meta.url).pathname;
/** Where the peers' bundle goes (git-ignored, as every dist/). */
const PEERS_BUNDLE = `${root}bench/dist/gateways-peers.js`;

/**
 * How our gateway is launched: by default the production build (`npm run build`, run at the start) on plain Node, as
 * the image runs it. BENCH_GATEWAY_ENTRY=gateway/src/index.ts runs the sources through tsx instead (as `npm start`).
 */
function ourGatewayCommand(): { args: string[]; cwd: string; entry: string } {
  const entry = process.env.BENCH_GATEWAY_ENTRY ?? "gateway/dist/index.js";
  const path = `${root}${entry}`;
  return { args: entry.endsWith(".ts") ? ["--import", "tsx", path] : [path], cwd: `${root}gateway`, entry };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

interface Process {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last lines it printed, shown when it dies. */
  output: string[];
}

const processes: Process[] = [];

function launch(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Process {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const started: Process = { name, child, pid: child.pid!, output: [] };
  const keep = (chunk: Buffer) => {
    started.output.push(...chunk.toString().split("\n").filter(Boolean));
    started.output.splice(0, Math.max(0, started.output.length - 40));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`${name} exited (${code ?? signal}):\n${started.output.join("\n")}`);
  });
  processes.push(started);
  return started;
}

let stopping = false;
async function stopAll() {
  stopping = true;
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
          child.once("exit", () => (clearTimeout(kill), done()));
          child.kill("SIGTERM");
        }),
    ),
  );
}

async function waitUntil({ name, child }: Process, check: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited while starting`);
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function portIsFree(port: number) {
  return fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
    () => false,
    (error: { cause?: { code?: string } }) => error.cause?.code === "ECONNREFUSED",
  );
}

/** CPU seconds every core has spent busy so far (/proc/stat: all but idle and iowait). */
function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]!
    .trim()
    .split(/\s+/)
    .map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** CPU seconds of this machine's PostgreSQL and Redis processes (every backend: others' work on them counts too). */
function storeCpuSeconds(): number {
  let sum = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (name === "postgres" || name === "redis-server") sum += cpuSeconds(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** The same request sequence for every gateway and every run with one seed. */
const seeded = mulberry32;

const PRODUCT_PAGE = `query ProductPage($id: ID!) { product(id: $id) { id title description price { amount currency } category { name slug } inventory { available inStock } } }`;
const LISTING = `query Listing($filter: ProductFilter, $after: String) { products(first: 20, filter: $filter, after: $after) { totalCount edges { cursor node { id title price { amount currency } category { name } inventory { available } } } pageInfo { hasNextPage endCursor } } }`;
const CART = `query Cart { cart { id itemCount items { quantity product { id title inventory { available } } unitPrice { amount currency } lineTotal { amount currency } } subtotal { amount currency } } }`;
const Q1 = `query Q1 { products(first: 20) { edges { node { id title price { amount currency } category { name } inventory { available } } } } }`;
const Q2 = `query Q2($id: ID!) { product(id: $id) { id title price { amount currency } inventory { available } } }`;

/** One distinct request of a workload. */
interface Item {
  label: string;
  body: string;
  headers: Record<string, string>;
  /** For a cart: the id of the requesting customer's cart, which its answer must carry. */
  cartId?: string;
}

function item(label: string, query: string, variables: Record<string, unknown> = {}, token?: string, cartId?: string): Item {
  return {
    label,
    body: JSON.stringify({ query, variables }),
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    cartId,
  };
}

interface Workload {
  name: string;
  description: string;
  pool: Item[];
  /** Indices into `pool`: the timed sequence, and another for the warm-up. */
  sequence: Uint32Array;
  warmup: Uint32Array;
}

async function post(url: string, request: Item): Promise<{ status: number; text: string; json: { data?: any; errors?: unknown[] } }> {
  const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
  const text = await response.text();
  let json: { data?: any; errors?: unknown[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: reported by the caller as a failed answer
  }
  return { status: response.status, text, json };
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const { status, json, text } = await post(url, item("setup", query, variables, token));
  if (status !== 200 || json.errors || !json.data) throw new Error(`setup request failed (${status}): ${text.slice(0, 500)}`);
  return json.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Gateway {
  name: string;
  url: string;
  process: Process;
  /** The body this gateway answered for each pool item of each workload before timing. */
  expected: Map<string, string[]>;
  /** Workloads this gateway failed the correctness check on (not timed), with why. */
  refused: Map<string, string>;
}

interface Cell {
  workload: string;
  run: number;
  gateway: string;
  responses: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  wrong: number;
  foreignCarts: number;
  gatewayCpu: number;
  subgraphCpu: number;
  storeCpu: number;
  /** CPU seconds the machine spent on anything else: other people's work competing with this cell. */
  otherCpu: number;
}

const GRAPHQL_ERRORS = /"errors"\s*:\s*\[/;

/** autocannon over `sequence` (one index per request, in order, shared by every connection). */
async function drive(gateway: Gateway, workload: Workload, sequence: Uint32Array, seconds: number) {
  const expected = gateway.expected.get(workload.name)!;
  const parsed = new Map<number, unknown>();
  let next = 0;
  const counts = { responses: 0, non2xx: 0, graphqlErrors: 0, wrong: 0, foreignCarts: 0, firstWrong: "" };
  const result = await autocannon({
    url: gateway.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        // With one request in flight per connection, autocannon answers a request's onResponse before it sets up
        // the connection's next one, so the context carries which item this answer is for.
        setupRequest: (request, context: { index?: number }) => {
          const index = sequence[next++ % sequence.length]!;
          context.index = index;
          const chosen = workload.pool[index]!;
          return { ...request, headers: chosen.headers, body: chosen.body };
        },
        onResponse: (status, body, context: { index?: number }) => {
          counts.responses++;
          if (status < 200 || status > 299) return void counts.non2xx++;
          if (GRAPHQL_ERRORS.test(body)) return void counts.graphqlErrors++;
          const index = context.index!;
          if (body === expected[index]) return;
          // Not the same bytes: the same data in another serialization is still right.
          let want = parsed.get(index);
          if (want === undefined) parsed.set(index, (want = JSON.parse(expected[index]!).data));
          let got: any;
          try {
            got = JSON.parse(body).data;
          } catch {
            got = undefined;
          }
          if (isDeepStrictEqual(got, want)) return;
          counts.wrong++;
          counts.firstWrong ||= `${workload.pool[index]!.label}: ${body.slice(0, 300)}`;
          const cartId = workload.pool[index]!.cartId;
          if (cartId && got?.cart?.id && got.cart.id !== cartId) counts.foreignCarts++;
        },
      },
    ],
  });
  return { result, counts };
}

async function measure(gateway: Gateway, workload: Workload, run: number, subgraphs: Process[]): Promise<Cell> {
  await drive(gateway, workload, workload.warmup, WARMUP_SECONDS);
  await sleep(1000); // the warm-up's abandoned requests drain
  const sample = () => ({
    gateway: cpuSeconds(gateway.process.pid),
    subgraphs: subgraphs.reduce((sum, p) => sum + cpuSeconds(p.pid), 0),
    stores: storeCpuSeconds(),
    self: process.cpuUsage(),
    machine: machineBusySeconds(),
  });
  const before = sample();
  const { result, counts } = await drive(gateway, workload, workload.sequence, SECONDS);
  const after = sample();
  const self = process.cpuUsage(before.self);
  const ownStack =
    after.gateway - before.gateway + after.subgraphs - before.subgraphs + after.stores - before.stores + (self.user + self.system) / 1e6;
  const responses = Math.max(1, counts.responses);
  const cell: Cell = {
    workload: workload.name,
    run,
    gateway: gateway.name,
    responses: counts.responses,
    seconds: result.duration,
    rps: counts.responses / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: counts.non2xx + counts.graphqlErrors + result.errors,
    wrong: counts.wrong,
    foreignCarts: counts.foreignCarts,
    gatewayCpu: after.gateway - before.gateway,
    subgraphCpu: after.subgraphs - before.subgraphs,
    storeCpu: after.stores - before.stores,
    otherCpu: Math.max(0, after.machine - before.machine - ownStack),
  };
  console.log(
    `  ${workload.name.padEnd(16)} ${gateway.name.padEnd(6)} ${round(cell.rps).toString().padStart(7)} req/s  p50 ${cell.p50} ms  p99 ${cell.p99} ms  ` +
      `errors ${cell.errors} (non-2xx ${counts.non2xx}, GraphQL ${counts.graphqlErrors}, transport ${result.errors})  wrong ${cell.wrong}  ` +
      `gateway ${round((1000 * cell.gatewayCpu) / responses, 2)} ms CPU/req  subgraphs ${round((1000 * cell.subgraphCpu) / responses, 2)}  ` +
      `other work ${round((100 * cell.otherCpu) / cell.seconds)}% of a core`,
  );
  if (counts.firstWrong) console.log(`    first wrong answer: ${counts.firstWrong}`);
  await sleep(1000);
  return cell;
}

// ---------------------------------------------------------------------------------------------------------------
// The run

const { config, dropDatabases } = benchConfig(5, "shop_bench_gateways");
// The benchmark's stack signs with secrets of its own, so production mode (which refuses the development defaults)
// can run: NODE_ENV=production for every process unless BENCH_NODE_ENV says otherwise.
config.jwt.secret = randomBytes(32).toString("hex");
config.internalKeys = generateInternalKeys();
const ports = {
  ...(Object.fromEntries(SUBGRAPHS.map((name, index) => [name, BASE_PORT + 1 + index])) as Record<SubgraphName, number>),
  ours: BASE_PORT + 10,
  hive: BASE_PORT + 11,
  apollo: BASE_PORT + 12,
};
for (const name of SUBGRAPHS) {
  config.subgraphs[name].port = ports[name];
  config.subgraphs[name].url = `http://127.0.0.1:${ports[name]}/graphql`;
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV,
  PAYMENT_PROVIDER: "simulated",
  LOG_LEVEL: "silent",
  JWT_SECRET: config.jwt.secret,
  ...internalKeysEnv(config.internalKeys),
  ADMIN_PASSWORD: randomBytes(16).toString("hex"),
  PASSWORD_SCRYPT_LOG_N: String(config.passwordScryptLogN),
  REDIS_URL: config.redisUrl,
  ...Object.fromEntries(
    SUBGRAPHS.flatMap((name) => [
      [`${name.toUpperCase()}_PORT`, String(ports[name])],
      [`${name.toUpperCase()}_URL`, config.subgraphs[name].url],
      [`${name.toUpperCase()}_DATABASE_URL`, config.subgraphs[name].databaseUrl],
    ]),
  ),
  ...BENCHMARK_LIMITS,
};
const redis = new Redis(config.redisUrl);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().then(() => process.exit(1)));
const began = Date.now();
const elapsed = () => `${Math.round((Date.now() - began) / 1000)} s`;
const loadAtStart = os.loadavg()[0]!;

try {
  const busy = (await Promise.all(Object.values(ports).map(async (port) => ((await portIsFree(port)) ? [] : [port])))).flat();
  if (busy.length > 0) throw new Error(`ports ${busy.join(", ")} are in use: set BENCH_BASE_PORT`);

  // Fresh databases and Redis database, migrated; the demo catalog (every category, 40 products each) with stock.
  await dropDatabases();
  await redis.flushdb();
  for (const name of SUBGRAPHS) {
    const { migrationsFolder } = (await import(`@shop/${name}`)) as { migrationsFolder: string };
    await migrateDatabase(config.subgraphs[name].databaseUrl, migrationsFolder);
  }
  const catalog = demoCatalog();
  await seedProducts(config, catalog);
  await seedStock(
    config,
    catalog.products.map((product) => ({ productId: product.id, onHand: product.initialStock })),
  );

  // Every process runs compiled JavaScript on plain Node, as in production: tsx would turn on source maps, whose stack
  // formatting costs any gateway that creates errors. The services come from `npm run build`, the peers from one
  // bundle of bench/gateways-peers.ts (its npm packages stay external).
  await build();
  await esbuild({
    entryPoints: [`${root}bench/gateways-peers.ts`],
    outfile: PEERS_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "warning",
    plugins: [npmPackagesExternal],
  });
  console.log(`${elapsed()}: databases seeded, services built; starting 5 subgraphs and 3 gateways (NODE_ENV=${NODE_ENV})…`);
  const subgraphs = SUBGRAPHS.map((name) => launch(name, [`${root}subgraphs/${name}/dist/index.js`], env, `${root}subgraphs/${name}`));
  await Promise.all(
    subgraphs.map((subgraph) =>
      waitUntil(
        subgraph,
        async () =>
          (await fetch(`http://127.0.0.1:${ports[subgraph.name as SubgraphName]}/health`, { signal: AbortSignal.timeout(1000) })).ok,
      ),
    ),
  );
  const ours = ourGatewayCommand();
  const peers = PEERS_BUNDLE;
  // Hive Gateway reads LOG_LEVEL with its own names (no "silent"): errors only, which a quiet run never prints.
  const gateways: Gateway[] = [
    { name: "ours", process: launch("ours", ours.args, { ...env, GATEWAY_PORT: String(ports.ours) }, ours.cwd), port: ports.ours },
    {
      name: "hive",
      process: launch("hive", [peers, "hive"], { ...env, PEER_PORT: String(ports.hive), LOG_LEVEL: "error" }, root),
      port: ports.hive,
    },
    {
      name: "apollo",
      process: launch("apollo", [peers, "apollo"], { ...env, PEER_PORT: String(ports.apollo) }, root),
      port: ports.apollo,
    },
  ].map(({ name, process, port }) => ({ name, process, url: `http://127.0.0.1:${port}/graphql`, expected: new Map(), refused: new Map() }));
  await Promise.all(
    gateways.map((gateway) =>
      waitUntil(gateway.process, async () => {
        const { json } = await post(gateway.url, item("ready", "{ __typename }"));
        return json.data?.__typename === "Query";
      }),
    ),
  );
  const url = gateways[0]!.url;
  console.log(`${elapsed()}: all running; signing up ${CUSTOMERS} customers and filling their carts…`);

  // 200 customers, each with 1–4 lines of in-stock products in their cart, through our gateway.
  const random = seeded(SEED);
  const inStock = catalog.products.filter((product) => product.initialStock > 0);
  const runId = randomBytes(4).toString("hex");
  const customers = await inBatches(Array.from({ length: CUSTOMERS }), 8, async (_, index) => {
    const { signUp } = await gql(url, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email: `bench-${runId}-${index}@example.com`, password: "bench password", name: `Bench ${index}` },
    });
    return { token: signUp.token as string, cartId: "" };
  });
  const lines = customers.map(() =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      productId: inStock[Math.floor(random() * inStock.length)]!.id,
      quantity: 1 + Math.floor(random() * 3),
    })),
  );
  await inBatches(customers, 8, async (customer, index) => {
    for (const line of lines[index]!) {
      await gql(
        url,
        `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { id } }`,
        { p: line.productId, q: line.quantity },
        customer.token,
      );
    }
    customer.cartId = (await gql(url, `{ cart { id } }`, {}, customer.token)).cart.id;
  });

  console.log(`${elapsed()}: customers ready; reading listing cursors…`);
  // Listing pages: every category and search term, pages 1–3 by the cursors the shop hands out.
  const filters = [
    ...catalog.categories.map((category) => ({ kind: "category" as const, filter: { categorySlug: category.slug } })),
    ...SEARCH_TERMS.map((search) => ({ kind: "search" as const, filter: { search } })),
  ];
  const listings = await inBatches(filters, 4, async ({ kind, filter }) => {
    const pages: Item[] = [];
    let after: string | null = null;
    for (let page = 1; page <= 3; page++) {
      const variables: Record<string, unknown> = { filter, after };
      pages.push(item(`listing ${JSON.stringify(filter)} page ${page}`, LISTING, variables));
      const { products } = await gql(url, LISTING, variables);
      if (!products.pageInfo.hasNextPage) break;
      after = products.pageInfo.endCursor;
    }
    return { kind, pages };
  });

  // Zipf(s=1) over every product, ranks in a seeded shuffle of the catalog (popularity unrelated to category).
  const ranked = [...catalog.products];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const cumulative: number[] = [];
  ranked.reduce((sum, _, rank) => (cumulative.push(sum + 1 / (rank + 1)), sum + 1 / (rank + 1)), 0);
  const zipf = (r: number) => {
    const target = r * cumulative.at(-1)!;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const productItems = ranked.map((product) => item(`product ${product.sku}`, PRODUCT_PAGE, { id: product.id }));
  const listingStart = productItems.length;
  const listingItems = listings.flatMap((listing) => listing.pages);
  const cartStart = listingStart + listingItems.length;
  const cartItems = customers.map((customer, index) => item(`cart of customer ${index}`, CART, {}, customer.token, customer.cartId));
  const byKind = { category: [] as number[][], search: [] as number[][] };
  let offset = listingStart;
  for (const listing of listings) {
    byKind[listing.kind].push(listing.pages.map((_, page) => offset + page));
    offset += listing.pages.length;
  }
  /** The storefront mix: 60% product pages (Zipf), 25% listings (category or search, pages 1–3), 15% carts. */
  const storefront = (draw: () => number, length: number) =>
    Uint32Array.from({ length }, () => {
      const r = draw();
      if (r < 0.6) return zipf(draw());
      if (r < 0.85) {
        const pages = draw() < 0.5 ? byKind.category : byKind.search;
        const listing = pages[Math.floor(draw() * pages.length)]!;
        return listing[Math.floor(draw() * listing.length)]!;
      }
      return cartStart + Math.floor(draw() * cartItems.length);
    });
  // Long enough that no gateway wraps around within a cell (wrapping would only repeat the same sequence).
  const SEQUENCE = 200_000;
  const single = (name: string, description: string, only: Item): Workload => ({
    name,
    description,
    pool: [only],
    sequence: new Uint32Array(1),
    warmup: new Uint32Array(1),
  });
  const workloads: Workload[] = [
    single("Q1 products(20)", "`products(first: 20)` with price, category and inventory, identical on every connection", item("Q1", Q1)),
    single(
      "Q2 product(id)",
      "`product(id)` with price and inventory (the most popular product), identical on every connection",
      item("Q2", Q2, { id: ranked[0]!.id }),
    ),
    single(
      "Q3 cart",
      "one signed-in customer's `cart`: lines with their `@requires` unit prices and line totals, the subtotal, inventory",
      { ...cartItems[0]!, label: "Q3" },
    ),
    {
      name: "storefront mix",
      description: `60% product pages (Zipf s=1 over ${productItems.length} products), 25% listing pages (${byKind.category.length} categories or ${SEARCH_TERMS.length} search terms, pages 1–3), 15% carts of ${CUSTOMERS} customers`,
      pool: [...productItems, ...listingItems, ...cartItems],
      sequence: storefront(seeded(SEED + 1), SEQUENCE),
      warmup: storefront(seeded(SEED + 2), SEQUENCE),
    },
  ];

  // Correctness before timing: every distinct request, each peer's data equal to ours, no errors anywhere.
  console.log(`${elapsed()}: checking every gateway's answers…`);
  for (const workload of workloads) {
    const answers = await Promise.all(gateways.map((gateway) => inBatches(workload.pool, 8, (request) => post(gateway.url, request))));
    gateways.forEach((gateway, g) => {
      const problems: string[] = [];
      workload.pool.forEach((request, i) => {
        const answer = answers[g]![i]!;
        const reference = answers[0]![i]!;
        if (answer.status !== 200 || answer.json.errors || !answer.json.data) {
          problems.push(`${request.label}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
        } else if (!isDeepStrictEqual(answer.json.data, reference.json.data)) {
          problems.push(`${request.label}: ${answer.text.slice(0, 300)} — ours: ${reference.text.slice(0, 300)}`);
        } else if (request.cartId && answer.json.data.cart?.id !== request.cartId) {
          problems.push(`${request.label}: another customer's cart`);
        }
      });
      gateway.expected.set(
        workload.name,
        answers[g]!.map((answer) => answer.text),
      );
      if (problems.length > 0) {
        gateway.refused.set(workload.name, `${problems.length} of ${workload.pool.length} answers wrong, e.g. ${problems[0]}`);
        console.log(`  ${gateway.name} fails ${workload.name}: ${gateway.refused.get(workload.name)}`);
        console.log(`  ${gateway.name}'s last output:\n${gateway.process.output.join("\n")}`);
      }
    });
  }
  if (gateways[0]!.refused.size > 0) throw new Error("our gateway's own answers are wrong: see above");

  const cells: Cell[] = [];
  for (let run = 1; run <= ROUNDS; run++) {
    const order = run % 2 === 1 ? gateways : [...gateways].reverse();
    console.log(`\n${elapsed()}: run ${run} of ${ROUNDS} (${order.map((g) => g.name).join(", ")} on each workload)`);
    for (const workload of workloads) {
      for (const gateway of order) {
        if (gateway.refused.has(workload.name)) continue;
        cells.push(await measure(gateway, workload, run, subgraphs));
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Write-up
  const versionOf = (name: string) =>
    (JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
  const perRequest = (seconds: number, cell: Cell) => round((1000 * seconds) / Math.max(1, cell.responses), 3);
  const label = { ours: "ours", hive: "Hive Gateway", apollo: "stock Apollo" } as Record<string, string>;
  const rows: Row[] = cells.map((cell) => ({
    workload: cell.workload,
    run: cell.run,
    gateway: label[cell.gateway]!,
    "req/s": round(cell.rps),
    "p50 ms": cell.p50,
    "p99 ms": cell.p99,
    errors: cell.errors,
    "wrong answers": cell.wrong === 0 ? 0 : `${cell.wrong} (${cell.foreignCarts} foreign carts)`,
    "gateway CPU %": round((100 * cell.gatewayCpu) / cell.seconds),
    "gateway CPU ms/req": perRequest(cell.gatewayCpu, cell),
    "subgraphs CPU ms/req": perRequest(cell.subgraphCpu, cell),
    "PostgreSQL+Redis CPU ms/req": perRequest(cell.storeCpu, cell),
    "other work, % of a core": round((100 * cell.otherCpu) / cell.seconds),
  }));
  const find = (workload: string, run: number, gateway: string) =>
    cells.find((c) => c.workload === workload && c.run === run && c.gateway === gateway);
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? round(a / b, 2) : "–");
  const cpuPerRequest = (cell: Cell | undefined) => (cell ? cell.gatewayCpu / Math.max(1, cell.responses) : undefined);
  const ratioRows: Row[] = [];
  const targets: Row[] = [];
  for (const workload of workloads) {
    for (let run = 1; run <= ROUNDS; run++) {
      const [o, h, a] = [find(workload.name, run, "ours"), find(workload.name, run, "hive"), find(workload.name, run, "apollo")];
      ratioRows.push({
        workload: workload.name,
        run,
        "req/s ours/Hive": ratio(o?.rps, h?.rps),
        "req/s ours/Apollo": ratio(o?.rps, a?.rps),
        "p99 ours/Hive": ratio(o?.p99, h?.p99),
        "p99 ours/Apollo": ratio(o?.p99, a?.p99),
        "gateway CPU/req ours/Hive": ratio(cpuPerRequest(o), cpuPerRequest(h)),
        "gateway CPU/req ours/Apollo": ratio(cpuPerRequest(o), cpuPerRequest(a)),
      });
      const mix = workload.name === "storefront mix";
      const throughput = o && h ? o.rps / h.rps : 0;
      const verdicts = [
        mix
          ? `req/s ≥ 1.5× Hive: ${o && h && throughput >= 1.5 ? "yes" : "no"} (${round(throughput, 2)}×); p99 below Hive's: ${o && h && o.p99 < h.p99 ? "yes" : "no"}; zero errors: ${o && o.errors + o.wrong === 0 ? "yes" : "no"}`
          : `req/s ≥ 1.0× Hive: ${o && h && throughput >= 1 ? "yes" : "no"} (${round(throughput, 2)}×)`,
        `CPU/req ≤ Apollo's: ${o && a && cpuPerRequest(o)! <= cpuPerRequest(a)! ? "yes" : "no"}`,
      ];
      targets.push({ workload: workload.name, run, "issue targets (ours)": verdicts.join("; ") });
    }
  }
  const refusals = gateways.flatMap((gateway) =>
    [...gateway.refused].map(([workload, why]) => `- ${label[gateway.name]} was not timed on ${workload}: ${why}`),
  );
  const ourFlags = ["RESPONSE_CACHE_ENABLED", "SUBGRAPH_DEDUPLICATION_ENABLED"]
    .map((name) => `${name}=${process.env[name] ?? "(unset: the gateway's default)"}`)
    .join(", ");
  const cpu = os.cpus();
  const markdown = [
    `## Gateways side by side: ours, Hive Gateway, stock Apollo Gateway`,
    "",
    `\`npm run bench:gateways\` (\`bench/gateways.ts\`) — ${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "cpu"}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${round(loadAtStart)} at the start and ` +
      `${round(os.loadavg()[0]!)} at the end; ${Math.round((Date.now() - began) / 1000)} s. Everything on this machine over loopback: ` +
      `PostgreSQL, Redis, five subgraph processes (one set, shared by the three gateways), the three gateway processes and ` +
      `the load generator (autocannon, ${CONNECTIONS} connections, in the benchmark's own process).`,
    "",
    `- **Modes**: NODE_ENV=${NODE_ENV} for every process (the benchmark's stack signs with secrets of its own). ` +
      `Ours: \`${ours.entry}\` (${ours.entry.endsWith(".ts") ? "TypeScript through tsx, no build" : "compiled"}), ${ourFlags}. ` +
      `Hive Gateway: \`@graphql-hive/gateway-runtime\` ${versionOf("@graphql-hive/gateway-runtime")} with the Rust query planner ` +
      `\`@graphql-hive/router-runtime\` ${versionOf("@graphql-hive/router-runtime")}, on node:http, default settings (its sharing of ` +
      `identical in-flight subgraph requests is on by default). Stock Apollo: \`@apollo/gateway\` ${versionOf("@apollo/gateway")} in ` +
      `\`@apollo/server\` ${versionOf("@apollo/server")}'s standalone server, default settings. Each peer carries one small plugin ` +
      `that verifies the client's JWT and signs the internal token for that viewer (bench/gateways-peers.ts).`,
    `- **Cells**: ${WARMUP_SECONDS} s warm-up then ${SECONDS} s timed, per workload and gateway; the gateways interleaved on each ` +
      `workload; the whole matrix ${ROUNDS === 1 ? "once" : `${ROUNDS} times ("run"), the gateway order reversed in even runs`}. ` +
      `The storefront sequence comes from seed ${SEED}: every gateway gets the same requests in the same order.`,
    `- **Checked**: before timing, every distinct request of every workload went to each peer and its \`data\` was compared ` +
      `with ours. Under load every answer is compared with the one the same gateway gave before timing.`,
    "",
    "Workloads:",
    "",
    ...workloads.map((workload) => `- **${workload.name}**: ${workload.description}.`),
    "",
    "Columns: **req/s** answers per second over the timed cell; **p50/p99 ms** latency (autocannon); **errors** " +
      "non-2xx answers + answers with GraphQL `errors` + transport errors and timeouts; **wrong answers** 2xx answers " +
      "without errors whose data differ from that gateway's checked answer (a **foreign cart** is another customer's cart); " +
      "**gateway CPU %** the gateway process's utime+stime over the cell, in % of one core; **gateway CPU ms/req** the same " +
      "divided by answers; **subgraphs CPU ms/req** the five subgraph processes' utime+stime divided by the gateway's answers " +
      "(where the work went); **PostgreSQL+Redis CPU ms/req** the same for every postgres and redis-server process of the " +
      "machine; **other work** the machine's busy CPU (/proc/stat) not spent by those processes nor the load generator, " +
      "in % of one core: other people's work competing with the cell (the machine has " +
      `${os.cpus().length} cores). Ratios are ours divided by the peer's: above 1 is better for req/s, below 1 is better for p99 ` +
      "and CPU/req. On a shared 2-core machine the ratios of the same run are the figures that count.",
    "",
    table(rows),
    "",
    table(ratioRows),
    "",
    table(targets),
    ...(refusals.length > 0 ? ["", ...refusals] : []),
    "",
    `Reproduce: \`flock /tmp/shop-bench.lock npm run bench:gateways\` (BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_ROUNDS, ` +
      `BENCH_CONNECTIONS, BENCH_SEED, BENCH_NODE_ENV, BENCH_GATEWAY_ENTRY for our compiled build).`,
  ].join("\n");
  console.log(`\n${markdown}`);
  writeFileSync(new URL("results/gateways.md", import.meta.url), `${markdown}\n`);
} finally {
  await stopAll();
  await redis.flushdb().catch(() => {});
  redis.disconnect();
  await dropDatabases().catch(() => {});
}
