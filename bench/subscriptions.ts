/**
 * Live order tracking at 1k, 5k and 10k subscribers on one gateway process, beside a bare `ws` server (the floor)
 * holding the same number of sockets and fed by the same Redis events, in the same run.
 *
 * - "own orders": every socket is a different customer following their orders (`myOrderUpdates`, selecting fields of
 *   the order, product and inventory subgraphs); status changes are committed at a steady rate, each to a different
 *   customer's order, so each reaches one socket.
 * - "fan-out": every socket follows the same account (one customer on many devices); each change reaches every socket
 *   (the floor broadcasts it).
 *
 * Latency runs from just after the transaction committed (the outbox relay, Redis, the order subgraph, the gateway's
 * refetch through the supergraph) to the subscriber's socket. Memory is the server process's RSS growth per socket.
 * Run: `npx tsx bench/subscriptions.ts` (or `npm run bench subscriptions`). Knobs: BENCH_TIERS, BENCH_RATE, BENCH_SECONDS.
 */
import { fork, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { signUserToken } from "@shop/runtime";
import { transition } from "../subgraphs/order/src/services/order-status";
import { createCategory, createStockedProducts, signInAdmin } from "../tests/support/shop";
import { orderSubgraphOf, startStack } from "../tests/support/stack";
import { benchConfig, cpuSeconds, round, table } from "./lib";
import type { ClientReport, ClientsJob, Measured } from "./subscriptions-peers";

const TIERS = (process.env.BENCH_TIERS ?? "1000,5000,10000").split(",").map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 25); // changes per second, "own orders"
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const FANOUT_CHANGES = 3; // per phase
const CLIENT_PROCESSES = 2;
const peers = fileURLToPath(new URL("subscriptions-peers.ts", import.meta.url));
const SELECTION = `id status trackingNumber updatedAt items { quantity unitPrice { amount currency } product { title inventory { available } } }`;
const QUERY = `subscription { myOrderUpdates { ${SELECTION} } }`;

const { config, dropDatabases } = benchConfig(7);
const stack = await startStack(config, ["user", "product", "inventory", "cart", "order"], { gateway: true });
const order = orderSubgraphOf(stack);
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

function start(role: "gateway" | "floor" | "clients", env: Record<string, string> = {}) {
  const profile = process.env.BENCH_PROFILE && role === "gateway" ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = fork(peers, [role], { execArgv: ["--import", "tsx", "--expose-gc", ...profile], env: { ...process.env, ...env } });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}
const reply = <T>(child: ChildProcess) => new Promise<T>((resolve) => child.once("message", (m) => resolve(m as T)));
async function measure(child: ChildProcess) {
  const answer = reply<Measured>(child);
  child.send("measure");
  return answer;
}
/** Asks a server process to exit (so a --cpu-prof profile gets written), and kills it if it does not. */
function stop(child: ChildProcess) {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    if (child.connected) child.send("exit");
    setTimeout(() => child.kill("SIGKILL"), 2000).unref();
  });
}

/** A fresh server process: the gateway in front of this process's subgraphs, or the floor on the same Redis. */
async function startServer(kind: "graphql" | "floor", messageBytes: number) {
  const env: Record<string, string> =
    kind === "graphql"
      ? {
          LOG_LEVEL: "silent",
          NODE_ENV: "test",
          GATEWAY_PORT: "0",
          ...Object.fromEntries(
            (["user", "product", "inventory", "cart", "order"] as const).map((name) => [
              `${name.toUpperCase()}_URL`,
              config.subgraphs[name].url,
            ]),
          ),
        }
      : { REDIS_URL: config.redisUrl, FLOOR_MESSAGE_BYTES: String(messageBytes) };
  const child = start(kind === "graphql" ? "gateway" : "floor", env);
  const { url } = await reply<{ url: string }>(child);
  return { child, url };
}

/** Long-lived client processes; each phase hands them sockets to open. */
const clientProcesses = Array.from({ length: CLIENT_PROCESSES }, () => start("clients"));
const receipts: [string, string, number, number][] = [];
for (const child of clientProcesses) {
  child.on("message", (message: ClientReport) => {
    if ("receipts" in message) receipts.push(...message.receipts);
  });
}
async function openSockets(kind: "graphql" | "floor", url: string, subs: ClientsJob["subs"]) {
  await Promise.all(
    clientProcesses.map(async (child, index) => {
      const answer = new Promise<void>((resolve, reject) => {
        const onMessage = (message: ClientReport) => {
          if ("receipts" in message) return;
          child.off("message", onMessage);
          if ("ready" in message) resolve();
          else reject(new Error(message.failed));
        };
        child.on("message", onMessage);
      });
      child.send({ kind, url, query: QUERY, subs: subs.filter((_, i) => i % CLIENT_PROCESSES === index) } satisfies ClientsJob);
      await answer;
    }),
  );
}

const NEXT = { PAID: "PACKED", PACKED: "SHIPPED", SHIPPED: "DELIVERED" } as const;
type Live = { id: string; userId: string; status: keyof typeof NEXT | "DELIVERED" };

/** Commits the next status of `target` the way every status change is made; returns the instant after the commit. */
async function change(target: Live): Promise<[string, number]> {
  const to = NEXT[target.status as keyof typeof NEXT];
  await order.database.db.transaction((tx) => transition(tx, target, to, null, to === "SHIPPED" ? { trackingNumber: "BENCH-0001" } : {}));
  target.status = to;
  return [`${target.id}:${to}`, now()];
}

/** Commits `count` changes at `rate` per second (the i-th to `pick(i)`); returns the commit instants by key. */
async function drive(count: number, rate: number, pick: (index: number) => Live) {
  const commits = new Map<string, number>();
  const started = now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    if (due > now()) await sleep(due - now());
    inFlight.push(change(pick(i)).then(([key, at]) => void commits.set(key, at)));
  }
  await Promise.all(inFlight);
  return commits;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Run {
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
  rssPerSocket: number;
  heapPerSocket: number;
  cpuPercent: number;
  messageBytes: number;
}

/** One measured phase: a fresh server, `subs` sockets, then the changes; latency from commit to receipt. */
async function phase(
  kind: "graphql" | "floor",
  subs: ClientsJob["subs"],
  changes: { count: number; rate: number; pick: (i: number) => Live },
  perChange: number,
  messageBytes: number,
): Promise<Run> {
  const server = await startServer(kind, messageBytes);
  await sleep(500);
  const before = await measure(server.child);
  const listeners = order.live.hub.listenerCount();
  const opened = now();
  await openSockets(kind, server.url, subs);
  // Subscribed means the order subgraph's hub has the listener (through the gateway) — or, for the floor, a moment.
  if (kind === "graphql") while (order.live.hub.listenerCount() < listeners + new Set(subs.map((s) => s.id)).size) await sleep(50);
  await sleep(kind === "floor" ? 300 : 1000);
  console.log(`    ${subs.length} sockets subscribed in ${round((now() - opened) / 1000)} s`);
  const after = await measure(server.child);
  receipts.length = 0;
  const cpuBefore = cpuSeconds(server.child.pid!);
  const started = now();
  const commits = await drive(changes.count, changes.rate, changes.pick);
  const expected = commits.size * perChange;
  const deadline = now() + 20_000;
  while (receipts.length < expected && now() < deadline) await sleep(100);
  const cpuPercent = (100 * (cpuSeconds(server.child.pid!) - cpuBefore)) / ((now() - started) / 1000);
  const latencies: number[] = [];
  let bytes = 0;
  for (const [orderId, status, at, size] of receipts) {
    const committed = commits.get(`${orderId}:${status}`);
    if (committed === undefined) continue;
    latencies.push(at - committed);
    bytes += size;
  }
  latencies.sort((a, b) => a - b);
  for (const child of clientProcesses) child.send("close");
  await stop(server.child);
  await sleep(300);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? NaN),
    delivered: latencies.length,
    expected,
    rssPerSocket: (after.rss - before.rss) / subs.length,
    heapPerSocket: (after.heap - before.heap) / subs.length,
    cpuPercent,
    messageBytes: latencies.length ? Math.round(bytes / latencies.length) : messageBytes,
  };
}

/** Orders inserted straight into the order database (PAID, one line of a real product) for users who need no row. */
async function seedOrders(users: string[], products: { id: string; title: string; price_amount: number }[]): Promise<Live[]> {
  const sql = order.database.sql;
  const rows = users.map((userId, i) => ({ id: crypto.randomUUID(), userId, product: products[i % products.length]! }));
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await sql`insert into orders ${sql(chunk.map((r) => ({ id: r.id, user_id: r.userId, status: "PAID", currency: "USD", total_amount: r.product.price_amount })))}`;
    await sql`insert into order_items ${sql(chunk.map((r) => ({ order_id: r.id, product_id: r.product.id, title: r.product.title, unit_price_amount: r.product.price_amount, quantity: 1 })))}`;
    await sql`insert into order_events ${sql(chunk.map((r) => ({ order_id: r.id, status: "PAID" })))}`;
  }
  return rows.map((r) => ({ id: r.id, userId: r.userId, status: "PAID" }));
}

const rows: Record<string, string | number>[] = [];
const ratios: Record<string, string | number>[] = [];
const load = os.loadavg()[0]!;
const began = now();
try {
  const admin = await signInAdmin(stack);
  const productIds = await createStockedProducts(stack, admin.token, await createCategory(stack), 10, { onHand: 100_000 });
  const products = await stack.subgraphs.product!.database.sql<{ id: string; title: string; price_amount: number }[]>`
    select id, title, price_amount from products where id = any(${productIds}::uuid[])`;
  const fanUser = crypto.randomUUID();
  const fanToken = await signUserToken(config.jwt.secret, { userId: fanUser, role: "CUSTOMER" }, 3600);
  const fanOrders = await seedOrders(
    Array.from({ length: TIERS.length * 2 * FANOUT_CHANGES }, () => fanUser),
    products,
  );
  const nextFanOrder = () => fanOrders.find((o) => o.status === "PAID")!;

  for (const tier of TIERS) {
    const own = await seedOrders(
      Array.from({ length: tier }, () => crypto.randomUUID()),
      products,
    );
    const tokens = await Promise.all(own.map((o) => signUserToken(config.jwt.secret, { userId: o.userId, role: "CUSTOMER" }, 3600)));
    const count = Math.min(RATE * SECONDS, tier);
    const ownChanges = { count, rate: RATE, pick: (i: number) => own[i]! };
    console.log(`\n${tier} sockets, own orders: ${count} changes at ${RATE}/s`);
    const gateway = await phase(
      "graphql",
      own.map((o, i) => ({ id: o.userId, token: tokens[i]! })),
      ownChanges,
      1,
      0,
    );
    console.log("  gateway", gateway);
    const floor = await phase(
      "floor",
      own.map((o) => ({ id: o.userId })),
      ownChanges,
      1,
      gateway.messageBytes,
    );
    console.log("  floor  ", floor);

    console.log(`${tier} sockets, fan-out: ${FANOUT_CHANGES} changes at 1/s, each to every socket`);
    const fanSubs = Array.from({ length: tier }, () => ({ id: fanUser, token: fanToken }));
    const fanChanges = { count: FANOUT_CHANGES, rate: 1, pick: () => nextFanOrder() };
    const fanGateway = await phase("graphql", fanSubs, fanChanges, tier, gateway.messageBytes);
    console.log("  gateway", fanGateway);
    const fanFloor = await phase("floor", fanSubs, fanChanges, tier, fanGateway.messageBytes);
    console.log("  floor  ", fanFloor);

    for (const [scenario, g, f] of [
      ["own orders", gateway, floor],
      ["fan-out", fanGateway, fanFloor],
    ] as const) {
      for (const [path, run] of [
        ["gateway (graphql-ws)", g],
        ["floor (bare ws)", f],
      ] as const) {
        rows.push({
          sockets: tier,
          scenario,
          path,
          "p50 ms": run.p50,
          "p99 ms": run.p99,
          "max ms": run.max,
          delivered: `${run.delivered}/${run.expected}`,
          "RSS KB / socket": round(run.rssPerSocket / 1024),
          "heap KB / socket": round(run.heapPerSocket / 1024),
          "server CPU %": round(run.cpuPercent),
        });
      }
      ratios.push({
        sockets: tier,
        scenario,
        "p50 gateway / floor": round(g.p50 / f.p50, 1),
        "p99 gateway / floor": round(g.p99 / f.p99, 1),
        "RSS / socket gateway / floor": round(g.rssPerSocket / f.rssPerSocket, 1),
      });
    }
  }

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${round(load, 1)} at the start`;
  const markdown = [
    `### Live order tracking: sockets on one gateway process vs a bare ws server`,
    "",
    `\`npx tsx bench/subscriptions.ts\` on ${machine}; ${round((now() - began) / 1000, 0)} s. Everything on loopback: this process runs the five subgraphs and commits the changes; the gateway (or the floor) and ${CLIENT_PROCESSES} client processes run beside it, a fresh server process per row.`,
    "",
    `- **own orders**: every socket is another customer following \`myOrderUpdates { ${SELECTION} }\` (order, product and inventory subgraphs); ${RATE} changes/s for ${SECONDS} s (at most one per socket), so each change reaches one socket.`,
    `- **fan-out**: every socket is the same customer (one account on many devices); ${FANOUT_CHANGES} changes, 1 s apart, each reaching every socket. The gateway shares one order-subgraph subscription and one refetch per change among them.`,
    "- **latency**: from just after the transaction commits (its outbox row) to the client process reading the message: outbox relay → Redis → order subgraph → gateway refetch through the supergraph → socket. The **floor** reads the same Redis events and writes them, padded to the gateway's message size, to the sockets registered for that customer: no GraphQL, auth or refetch.",
    "- **memory**: server process growth after a full GC, from before the sockets opened to when all were subscribed, per socket.",
    "",
    table(rows),
    "",
    table(ratios),
    "",
    "Knobs: BENCH_TIERS (default 1000,5000,10000), BENCH_RATE (25), BENCH_SECONDS (6); BENCH_PROFILE=<dir> writes the gateway's CPU profiles there.",
  ].join("\n");
  console.log(`\n${markdown}`);
  writeFileSync(new URL("results/subscriptions.md", import.meta.url), `${markdown}\n`);
} finally {
  for (const child of clientProcesses) child.send("exit");
  await sleep(200);
  await Promise.all([...children].map(stop));
  await stack.stop();
  await dropDatabases();
}
