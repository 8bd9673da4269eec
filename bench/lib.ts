import { readFileSync } from "node:fs";
import { dropDatabase, loadConfig, SUBGRAPHS, type ShopConfig } from "@shop/runtime";

/**
 * Config for a benchmark: its own databases (<prefix>_<name>, dropped afterwards), its own Redis database, OS
 * ports, quiet logs. Benchmarks never touch the demo data or a test run.
 */
export function benchConfig(redisDb = 3, databasePrefix = "shop_bench"): { config: ShopConfig; dropDatabases: () => Promise<void> } {
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent", NODE_ENV: "test", PASSWORD_SCRYPT_LOG_N: "10" });
  for (const name of SUBGRAPHS) {
    const url = new URL(config.subgraphs[name].databaseUrl);
    url.pathname = `/${databasePrefix}_${name}`;
    config.subgraphs[name].databaseUrl = url.toString();
    config.subgraphs[name].port = 0;
  }
  config.gatewayPort = 0;
  const redis = new URL(config.redisUrl);
  redis.pathname = `/${redisDb}`;
  config.redisUrl = redis.toString();
  return {
    config,
    dropDatabases: () => Promise.all(SUBGRAPHS.map((name) => dropDatabase(config.subgraphs[name].databaseUrl))).then(() => {}),
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

/** CPU seconds a process has used so far: utime + stime from /proc/<pid>/stat (all its threads), at USER_HZ 100. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
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
 * Runs the shop as `npm start` does — five subgraph processes and a gateway process — on ports from `basePort`, so a
 * load generator in this process does not share their event loops. `env` is added to every process's environment,
 * `execArgv[name]` to one process's Node options. Returns the gateway URL, each process's pid and a stop function.
 */
export async function spawnShop(
  config: ShopConfig,
  basePort = 4600,
  options: { env?: NodeJS.ProcessEnv; execArgv?: Partial<Record<string, string[]>> } = {},
) {
  const { shopServices, spawnServices, waitUntilHealthy } = await import("../scripts/lib/services");
  const root = new URL("..", import.meta.url).pathname;
  config.gatewayPort = basePort;
  SUBGRAPHS.forEach((name, index) => {
    config.subgraphs[name].port = basePort + index + 1;
    config.subgraphs[name].url = `http://127.0.0.1:${basePort + index + 1}/graphql`;
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
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
    ...options.env,
  };
  const services = shopServices(root, config).map((service) => ({ ...service, execArgv: options.execArgv?.[service.name] }));
  const running = spawnServices(services, env, "tsx");
  try {
    await waitUntilHealthy(services);
  } catch (error) {
    await running.stop();
    throw error;
  }
  const pids = Object.fromEntries(running.processes.map(({ name, pid }) => [name, pid!]));
  return { gatewayUrl: `http://127.0.0.1:${basePort}/graphql`, pids, stop: running.stop };
}
