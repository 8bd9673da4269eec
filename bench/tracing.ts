/**
 * What tracing costs a paid checkout: two copies of the compiled shop run side by side in production mode, one with
 * no exporter (the default: ids made and passed on, nothing recorded) and one exporting every span as OTLP over HTTP
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`) to a receiver in this process, as to a collector. Rounds alternate between the two
 * (untraced, traced, untraced, traced…), each driving BENCH_CUSTOMERS paid checkouts through its gateway
 * (BENCH_CONNECTIONS connections, a customer and a cart each, one product in stock for all), so drift on a shared
 * machine falls on both. Measured per checkout: the CPU of the six processes (utime+stime from /proc), throughput and
 * p99; the ratio traced / untraced is the figure that counts. Run under the machine's benchmark lock:
 * `flock /tmp/shop-bench.lock npm run bench:tracing`.
 */
import os from "node:os";
import { Redis } from "ioredis";
import postgres from "postgres";
import { ADDRESS, createCategory, createStockedProducts, signInAdmin } from "../tests/support/shop";
import type { Stack } from "../tests/support/stack";
import { startOtlpReceiver } from "../tests/support/otlp-receiver";
import { benchConfig, cpuMeter, drive, inBatches, round, runDescription, spawnShop, table, writeResult, gql } from "./lib";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const HOUR_MS = "3600000";
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on Order { status } } }`;

const description = runDescription();
const loadAtStart = os.loadavg()[0]!;
const poolSize = await poolSizeForTwoShops();
const collector = await startOtlpReceiver();
const variants = [
  { name: "untraced (no exporter)", redisDb: 6, prefix: "shop_bench_untraced", port: 4700, env: {} },
  {
    name: "traced (every span exported)",
    redisDb: 7,
    prefix: "shop_bench_traced",
    port: 4800,
    // Batches every 500 ms, so the spans of a round are all in before the next one starts.
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: "500" },
  },
];
interface RunningShop {
  name: string;
  url: string;
  pids: Record<string, number>;
  /** Customers of a new round, each with one unit of a product stocked for all of them in the cart. */
  prepare: () => Promise<string[]>;
  stop: () => Promise<void>;
  drop: () => Promise<void>;
}
interface Measured {
  cpu: number[];
  rps: number[];
  p99: number[];
  paid: number;
  failures: number;
  spans: number;
  firstFailure: string;
}
const shops: RunningShop[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  for (const variant of variants) {
    const { config, dropDatabases } = benchConfig(variant.redisDb, variant.prefix);
    await dropDatabases();
    const redis = new Redis(config.redisUrl);
    await redis.flushdb();
    await redis.quit();
    const shop = await spawnShop(config, variant.port, {
      mode: "compiled",
      env: {
        ...variant.env,
        DATABASE_POOL_SIZE: String(poolSize),
        RESERVATION_SWEEP_INTERVAL_MS: HOUR_MS,
        STOCK_RECONCILE_INTERVAL_MS: HOUR_MS,
        CHECKOUT_RECOVERY_INTERVAL_MS: HOUR_MS,
        OUTBOX_POLL_INTERVAL_MS: HOUR_MS,
      },
    });
    const url = shop.gatewayUrl;
    const stack = { config, gatewayUrl: url } as Stack;
    const admin = await signInAdmin(stack);
    const category = await createCategory(stack);
    let rounds = 0;
    const prepare = async () => {
      rounds += 1;
      const [productId] = await createStockedProducts(stack, admin.token, category, 1, { onHand: CUSTOMERS });
      return inBatches(Array.from({ length: CUSTOMERS }), 16, async (_, i) => {
        const { signUp } = await gql(url, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
          i: {
            email: `trace-${variant.prefix}-${rounds}-${i}-${crypto.randomUUID()}@example.com`,
            password: "bench password",
            name: "Bench",
          },
        });
        await gql(url, `mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }`, { p: productId }, signUp.token);
        return signUp.token as string;
      });
    };
    shops.push({ name: variant.name, stop: shop.stop, drop: dropDatabases, prepare, url, pids: shop.pids });
  }

  const measured = new Map<string, Measured>();
  for (let index = 1; index <= ROUNDS; index++) {
    for (const shop of shops) {
      const tokens = await shop.prepare();
      await sleep(1500);
      const spansBefore = collector.spans.length;
      const cpu = cpuMeter(shop.pids);
      const run = await drive(shop.url, {
        connections: CONNECTIONS,
        amount: tokens.length,
        call: (i) => ({
          body: JSON.stringify({
            query: CHECKOUT,
            variables: { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
          }),
          token: tokens[i % tokens.length],
        }),
      });
      const used = Object.values(cpu()).reduce((a, b) => a + b, 0);
      await sleep(1500);
      const entry = measured.get(shop.name) ?? { cpu: [], rps: [], p99: [], paid: 0, failures: 0, spans: 0, firstFailure: "" };
      entry.spans += collector.spans.length - spansBefore;
      entry.cpu.push(used / Math.max(1, run.responses));
      entry.rps.push(run.rps);
      entry.p99.push(run.p99);
      entry.paid += run.typenames.get("Order PAID") ?? 0;
      entry.failures += run.non2xx + run.graphqlErrors + run.transportErrors;
      measured.set(shop.name, entry);
      const answers = [...run.typenames].map(([kind, count]) => `${kind} ${count}`).join(", ");
      entry.firstFailure ||= run.firstFailure;
      console.log(
        `round ${index}, ${shop.name}: ${round(run.rps)} req/s, p99 ${run.p99} ms, CPU ${round(used / run.responses, 2)} ms/checkout; ${answers}` +
          (run.firstFailure ? `; first failure: ${run.firstFailure}` : ""),
      );
    }
  }

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const [untraced, traced] = shops.map((shop) => measured.get(shop.name)!) as [Measured, Measured];
  const rows = shops.map((shop) => {
    const m = measured.get(shop.name)!;
    return {
      shop: shop.name,
      "paid checkouts": m.paid,
      failures: m.failures,
      "req/s": round(mean(m.rps)),
      "p99 ms": round(mean(m.p99)),
      "CPU ms / checkout (6 processes)": round(mean(m.cpu), 2),
      "CPU vs untraced": round(mean(m.cpu) / mean(untraced.cpu), 2),
      "req/s vs untraced": round(mean(m.rps) / mean(untraced.rps), 2),
    };
  });
  const spansPerCheckout = traced.spans / Math.max(1, traced.paid);
  writeResult(
    new URL("results/tracing.md", import.meta.url),
    [
      "## Tracing overhead (paid checkouts)",
      "",
      `${description}; load average at start ${round(loadAtStart, 2)}. ${ROUNDS} alternating rounds of ${CUSTOMERS} paid checkouts per shop, ${CONNECTIONS} connections; ${poolSize} PostgreSQL connections per subgraph process, so that both shops fit the server's max_connections.`,
      "",
      table(rows),
      "",
      `The traced shop exported ${round(spansPerCheckout, 1)} spans per paid checkout during the measured rounds.`,
      ...shops.flatMap((shop) => {
        const failure = measured.get(shop.name)!.firstFailure;
        return failure ? ["", `First failure of the ${shop.name} shop: \`${failure.slice(0, 200)}\``] : [];
      }),
    ].join("\n"),
  );
  console.log(table(rows));
} finally {
  for (const shop of shops) {
    await shop.stop();
    await shop.drop();
  }
  await collector.close();
}

/**
 * The two shops run at once, so their pools together (per shop: five subgraphs × DATABASE_POOL_SIZE, plus the order
 * subgraph's 3 background connections) must fit PostgreSQL's max_connections beside what is already open. Otherwise
 * the server refuses statements ("too many clients already"), and checkouts fail for a reason that has nothing to do
 * with tracing: an earlier run lost 211 of 500 traced checkouts that way, with the default pool of 10.
 */
async function poolSizeForTwoShops(): Promise<number> {
  const { config } = benchConfig();
  const server = new URL(config.subgraphs.user.databaseUrl);
  server.pathname = "/postgres";
  const sql = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ max: number; open: number }[]>`
      select current_setting('max_connections')::int as max, (select count(*)::int from pg_stat_activity) as open`;
    const { max, open } = row!;
    const perShop = Math.floor((max - open - 10) / 2);
    const size = Math.min(10, Math.floor((perShop - 3) / 5));
    if (size < 4) throw new Error(`PostgreSQL has room for ${max - open} more connections: too few for two shops`);
    return size;
  } finally {
    await sql.end();
  }
}
