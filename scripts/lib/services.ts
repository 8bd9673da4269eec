import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { prettyFactory } from "pino-pretty";
import { resolve } from "node:path";
import { SUBGRAPHS, WORKERS, type ShopConfig } from "@shop/runtime";
import { COMPILED_ENTRY, SOURCE_ENTRY } from "./build";

export interface Service {
  name: string;
  /** Its workspace folder, holding src/index.ts (and dist/index.js once built). */
  dir: string;
  /** Health endpoint polled until it answers 200. */
  readyUrl: string;
  /** Node options for this service only, e.g. `--cpu-prof` for one profiled process (not with `watch`). */
  execArgv?: string[];
}

export interface RunningServices {
  /** Sends SIGTERM to every service and resolves when all have exited. */
  stop: () => Promise<void>;
  /** Resolves when any service exits on its own (a crash). */
  exited: Promise<string>;
  /** The process of each service. */
  processes: { name: string; pid: number | undefined }[];
}

/** The shop's services in start order, the subgraphs, the workers, then the gateway, on the ports of `config`. */
export function shopServices(root: string, config: ShopConfig): Service[] {
  return [
    ...SUBGRAPHS.map((name) => ({
      name,
      dir: resolve(root, "subgraphs", name),
      readyUrl: `http://127.0.0.1:${config.subgraphs[name].port}/readyz`,
    })),
    ...WORKERS.map((name) => ({
      name,
      dir: resolve(root, "workers", name),
      readyUrl: `http://127.0.0.1:${config.workers[name].port}/readyz`,
    })),
    { name: "gateway", dir: resolve(root, "gateway"), readyUrl: `http://127.0.0.1:${config.gatewayPort}/readyz` },
  ];
}

const COLORS = [36, 35, 33, 32, 34, 31];
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

/** How a service runs: its TypeScript through tsx, restarted by tsx on changes, or its build output with plain node. */
export type RunMode = "tsx" | "watch" | "compiled";

/** The arguments to `node` that run `service` in `mode`. */
function nodeArguments(service: Service, mode: RunMode): string[] {
  const options = service.execArgv ?? [];
  if (mode === "compiled") return [...options, resolve(service.dir, COMPILED_ENTRY)];
  const entry = resolve(service.dir, SOURCE_ENTRY);
  return mode === "watch" ? [tsxCli, "watch", "--clear-screen=false", entry] : [...options, "--import", "tsx", entry];
}

/**
 * Spawns each service as its own Node process with prefixed output: TypeScript through tsx (`npm start`), the same
 * restarted by tsx whenever a file it imports changes (`watch`, `npm run dev`: the watcher lives on, so a restart is
 * not a crash), or the output of `npm run build` with plain `node` and no flags (`compiled`, production).
 */
export function spawnServices(
  services: Service[],
  env: NodeJS.ProcessEnv,
  mode: RunMode,
  options: { pretty?: boolean } = {},
): RunningServices {
  const format = options.pretty ? prettyLine() : (line: string) => line;
  const children: ChildProcess[] = [];
  let stopping = false;
  const exited = new Promise<string>((resolveExit) => {
    services.forEach((service, index) => {
      const child = spawn(process.execPath, nodeArguments(service, mode), {
        cwd: service.dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        // Own process group: a terminal Ctrl-C reaches only this script, which then stops services in order.
        detached: true,
      });
      const prefix = `\x1b[${COLORS[index % COLORS.length]}m${service.name.padEnd(9)}\x1b[0m| `;
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => process.stdout.write(`${prefix}${format(line)}\n`));
      }
      child.once("exit", (code) => {
        if (!stopping) resolveExit(`${service.name} exited with code ${code}`);
      });
      children.push(child);
    });
  });
  return {
    exited,
    processes: children.map((child, index) => ({ name: services[index]!.name, pid: child.pid })),
    stop: async () => {
      stopping = true;
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** Polls every readiness probe (/readyz) until all answer 200, or fails after `timeoutMs`. */
export async function waitUntilHealthy(services: Service[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    services.map(async (service) => {
      while (Date.now() < deadline) {
        const ok = await fetch(service.readyUrl, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`${service.name} did not become healthy at ${service.readyUrl} within ${timeoutMs / 1000}s`);
    }),
  );
}

/**
 * Turns a service's JSON log line into one readable, coloured line (pino-pretty) for a terminal: time, level, message,
 * then the fields. Anything that is not a JSON log line passes as it is.
 */
function prettyLine(): (line: string) => string {
  const pretty = prettyFactory({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service,name", singleLine: true });
  return (line) => {
    if (!line.startsWith("{")) return line;
    try {
      return pretty(JSON.parse(line) as Record<string, unknown>).trimEnd();
    } catch {
      return line;
    }
  };
}
