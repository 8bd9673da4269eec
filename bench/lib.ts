import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { dropDatabase, generateInternalKeys, internalKeysEnv, loadConfig, SUBGRAPHS, WORKERS, type ShopConfig } from "@shop/runtime";

/**
 * A benchmark's load generator is thousands of clients sending from 127.0.0.1, which the per-IP limits (and the
 * per-account ones, for its few hundred customers) would throttle within a second: every allowance is raised out of
 * its reach. The limits stay on, so their Redis round trip per request is part of what is measured, as in production.
 * `benchConfig` puts them in this process's environment (where not set already), so every service a benchmark spawns
 * — `spawnShop`, bench/gateways.ts's processes, bench/subscriptions.ts's gateway — inherits them.
 */
const BENCH_RATE_LIMITS = {
  RATE_LIMIT_REQUESTS_PER_MINUTE: "1000000000",
  RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: "1000000000",
  RATE_LIMIT_LOGIN_PER_IP: "1000000000",
  RATE_LIMIT_SIGNUP_PER_IP: "1000000000",
  RATE_LIMIT_CHECKOUT_PER_ACCOUNT: "1000000000",
  RATE_LIMIT_WS_CONNECTIONS_PER_IP: "1000000000",
  PASSWORD_HASH_QUEUE_LIMIT: "1000000000",
  // bench/subscriptions.ts opens thousands of sockets from one address, and its fan-out phase holds one subscription
  // per socket for one account.
  MAX_WEBSOCKETS_PER_IP: "1000000000",
  MAX_SUBSCRIPTIONS_PER_USER: "1000000000",
};

/**
 * Config for a benchmark: its own databases (<prefix>_<name>, dropped afterwards), its own Redis database, OS
 * ports, quiet logs. Benchmarks never touch the demo data or a test run.
 */
export function benchConfig(redisDb = 3, databasePrefix = "shop_bench"): { config: ShopConfig; dropDatabases: () => Promise<void> } {
  for (const [name, value] of Object.entries(BENCH_RATE_LIMITS)) process.env[name] ??= value;
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent", NODE_ENV: "test", PASSWORD_SCRYPT_LOG_N: "10" });
  for (const name of SUBGRAPHS) {
    const url = new URL(config.subgraphs[name].databaseUrl);
    url.pathname = `/${databasePrefix}_${name}`;
    config.subgraphs[name].databaseUrl = url.toString();
    config.subgraphs[name].port = 0;
  }
  for (const name of WORKERS) {
    const url = new URL(config.workers[name].databaseUrl);
    url.pathname = `/${databasePrefix}_${name}`;
    config.workers[name].databaseUrl = url.toString();
    config.workers[name].port = 0;
  }
  config.gatewayPort = 0;
  const redis = new URL(config.redisUrl);
  redis.pathname = `/${redisDb}`;
  config.redisUrl = redis.toString();
  return {
    config,
    dropDatabases: () =>
      Promise.all([
        ...SUBGRAPHS.map((name) => dropDatabase(config.subgraphs[name].databaseUrl)),
        ...WORKERS.map((name) => dropDatabase(config.workers[name].databaseUrl)),
      ]).then(() => {}),
  };
}

export interface Row {
  [column: string]: string | number;
}

/** A markdown table from rows with the same keys. */
export function table(rows: Row[]): string {
  const columns = Object.keys(rows[0]!);
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(columns), line(columns.map(() => "---")), ...rows.map((row) => line(columns.map((c) => row[c]!)))].join("\n");
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** CPU seconds a process has used so far: utime + stime from /proc/<pid>/stat (all its threads). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may itself hold spaces or parentheses: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU milliseconds each named process uses from now until the returned function is called:
 * `const used = cpuMeter(pids); …; used()` → `{ gateway: 812, order: 1303, … }`.
 */
export function cpuMeter(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, 1000 * (cpuSeconds(pid) - before[name]!)]));
}

/** One request of a load: its body and, for a signed-in customer, their token. */
export interface Call {
  body: string;
  token?: string;
}

export interface DriveResult {
  /** Answers received (any status). */
  responses: number;
  seconds: number;
  /** responses / seconds: autocannon's own per-second average is coarse on runs of a few seconds. */
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers. */
  non2xx: number;
  /** 2xx answers carrying GraphQL `errors`. */
  graphqlErrors: number;
  /** Connection errors and timeouts. */
  transportErrors: number;
  /** The first failed answer, for the log. */
  firstFailure: string;
  /**
   * Answers by the first `__typename` in their body, with the `status` right after it if there is one ("Order PAID");
   * "errors" when there is none and GraphQL errors are.
   */
  typenames: Map<string, number>;
}

/**
 * autocannon over `amount` requests, `call(i)` building the i-th (in the order they are sent, shared by every
 * connection), against a GraphQL endpoint. Counts answers by their first `__typename`, and every failure.
 */
export async function drive(
  url: string,
  options: { connections: number; amount: number; call: (index: number) => Call },
): Promise<DriveResult> {
  let next = 0;
  const counts = { responses: 0, non2xx: 0, graphqlErrors: 0, firstFailure: "" };
  const typenames = new Map<string, number>();
  const result = await autocannon({
    url,
    connections: options.connections,
    amount: options.amount,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const call = options.call(next++);
          return {
            ...request,
            headers: { "content-type": "application/json", ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) },
            body: call.body,
          };
        },
        onResponse: (status, body) => {
          counts.responses += 1;
          const failed = status < 200 || status > 299 ? "non2xx" : /"errors"\s*:\s*\[/.test(body) ? "graphqlErrors" : undefined;
          if (failed) {
            counts[failed] += 1;
            counts.firstFailure ||= `${status} ${body.slice(0, 300)}`;
          }
          const answer = /"__typename"\s*:\s*"(\w+)"(?:\s*,\s*"status"\s*:\s*"(\w+)")?/.exec(body);
          const key = answer ? answer.slice(1).filter(Boolean).join(" ") : failed === "graphqlErrors" ? "errors" : `HTTP ${status}`;
          typenames.set(key, (typenames.get(key) ?? 0) + 1);
        },
      },
    ],
  });
  const seconds = result.duration;
  return {
    responses: counts.responses,
    seconds,
    rps: counts.responses / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: counts.non2xx,
    graphqlErrors: counts.graphqlErrors,
    transportErrors: result.errors + result.timeouts,
    firstFailure: counts.firstFailure,
    typenames,
  };
}

/** One GraphQL request of a benchmark's setup (sign-ups, carts, products); throws on any error, naming the query. */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (answer.errors) throw new Error(`${query.slice(0, 60)}…: ${answer.errors.map((e) => e.message).join("; ")}`);
  return answer.data;
}

/** Where and on what a benchmark ran: date, commit (and whether the tree had changes), machine, Node. */
export function runDescription(): string {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"]).toString().trim()
    ? " (with uncommitted changes)"
    : "";
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  return `${new Date().toISOString().slice(0, 10)}, commit ${commit}${dirty}, ${machine}`;
}

/** Separates a result file's generated section from what is kept below it across runs (comparisons, older figures). */
export const KEEP = "<!-- Everything below this line is kept when the benchmark rewrites the section above. -->";

/** Writes `markdown` as the file's generated section, keeping whatever is below the KEEP marker. */
export function writeResult(file: URL, markdown: string) {
  const kept = existsSync(file) ? readFileSync(file, "utf8").split(KEEP)[1] : undefined;
  writeFileSync(file, `${markdown}\n${kept === undefined ? "" : `\n${KEEP}${kept}`}`);
}

/** Runs `task` for every item with at most `limit` in flight. */
export async function inBatches<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * Settings every benchmark's shop runs with, whatever it measures: limits meant for real clients, raised so that one
 * load generator on one address playing a thousand customers is not refused. The place to raise any new such limit
 * (per-client or per-customer rate limits) for every benchmark at once.
 */
export const BENCHMARK_LIMITS: NodeJS.ProcessEnv = {
  // Customers sign in once before the load and never refresh: their access tokens must outlive the longest run.
  JWT_TTL_SECONDS: String(12 * 3600),
};

/**
 * Secrets of this run in `config` (JWT, internal tokens, admin password), so the shop can run with NODE_ENV=production,
 * which refuses the development defaults. spawnShop passes them to every process.
 */
export function useOwnSecrets(config: ShopConfig) {
  config.jwt.secret = randomBytes(32).toString("hex");
  config.internalKeys = generateInternalKeys();
  config.admin.password = randomBytes(16).toString("hex");
}

export interface SpawnShopOptions {
  /**
   * `compiled`: build first (`npm run build`) and run every service's dist/index.js on plain Node with
   * NODE_ENV=production and secrets of this run, as deployed. `tsx` (default): the TypeScript sources, as `npm start`.
   */
  mode?: "tsx" | "compiled";
  /** Added to every process's environment (after BENCHMARK_LIMITS, so a benchmark can still set a limit itself). */
  env?: NodeJS.ProcessEnv;
  /** Node options of one process, e.g. `--cpu-prof`. */
  execArgv?: Partial<Record<string, string[]>>;
}

/**
 * Runs the shop as `npm start` does — five subgraph processes and a gateway process — on ports from `basePort`, so a
 * load generator in this process does not share their event loops. Returns the gateway URL, each process's pid and a
 * stop function.
 */
export async function spawnShop(config: ShopConfig, basePort = 4600, options: SpawnShopOptions = {}) {
  const { shopServices, spawnServices, waitUntilHealthy } = await import("../scripts/lib/services");
  const root = new URL("..", import.meta.url).pathname;
  const mode = options.mode ?? "tsx";
  if (mode === "compiled") {
    const { build } = await import("../scripts/lib/build");
    await build();
    useOwnSecrets(config);
  }
  config.gatewayPort = basePort;
  SUBGRAPHS.forEach((name, index) => {
    config.subgraphs[name].port = basePort + index + 1;
    config.subgraphs[name].url = `http://127.0.0.1:${basePort + index + 1}/graphql`;
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: mode === "compiled" ? "production" : "development",
    // Production refuses to start without a payment provider; the benchmark's charges are simulated on purpose.
    PAYMENT_PROVIDER: "simulated",
    // BENCH_LOG_LEVEL=error shows the services' errors during a run (any logging costs CPU: not for measured runs).
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent",
    JWT_SECRET: config.jwt.secret,
    ...internalKeysEnv(config.internalKeys),
    ADMIN_PASSWORD: config.admin.password,
    PASSWORD_SCRYPT_LOG_N: String(config.passwordScryptLogN),
    REDIS_URL: config.redisUrl,
    GATEWAY_PORT: String(basePort),
    ...Object.fromEntries(
      SUBGRAPHS.flatMap((name) => [
        [`${name.toUpperCase()}_PORT`, String(config.subgraphs[name].port)],
        [`${name.toUpperCase()}_URL`, config.subgraphs[name].url],
        [`${name.toUpperCase()}_DATABASE_URL`, config.subgraphs[name].databaseUrl],
      ]),
    ),
    ...BENCHMARK_LIMITS,
    ...options.env,
  };
  const services = shopServices(root, config).map((service) => ({ ...service, execArgv: options.execArgv?.[service.name] }));
  const running = spawnServices(services, env, mode);
  try {
    await waitUntilHealthy(services);
  } catch (error) {
    await running.stop();
    throw error;
  }
  const pids = Object.fromEntries(running.processes.map(({ name, pid }) => [name, pid!]));
  return { gatewayUrl: `http://127.0.0.1:${basePort}/graphql`, pids, stop: running.stop };
}
