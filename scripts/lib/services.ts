import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";

export interface Service {
  name: string;
  /** Folder holding src/index.ts. */
  dir: string;
  /** Health endpoint polled until it answers 200. */
  healthUrl: string;
  /** Node options for this service only, e.g. `--cpu-prof` for one profiled process (not with `watch`). */
  execArgv?: string[];
}

export interface RunningServices {
  /** Sends SIGTERM to every service and resolves when all have exited. */
  stop: () => Promise<void>;
  /** Resolves when any service exits on its own (a crash). */
  exited: Promise<string>;
  /** Process id of each service by name (benchmarks read their CPU time from /proc). */
  pids: Record<string, number>;
}

const COLORS = [36, 35, 33, 32, 34, 31];
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

/**
 * Spawns each service as its own Node process (TypeScript through tsx) with prefixed output. With `watch`, tsx restarts
 * a service whenever a file it imports changes (`npm run dev`); the watcher itself lives on, so a restart is not a crash.
 */
export function spawnServices(services: Service[], env: NodeJS.ProcessEnv, options: { watch?: boolean } = {}): RunningServices {
  const children: ChildProcess[] = [];
  const pids: Record<string, number> = {};
  let stopping = false;
  const exited = new Promise<string>((resolveExit) => {
    services.forEach((service, index) => {
      const entry = resolve(service.dir, "src/index.ts");
      const args = options.watch
        ? [tsxCli, "watch", "--clear-screen=false", entry]
        : [...(service.execArgv ?? []), "--import", "tsx", entry];
      const child = spawn(process.execPath, args, {
        cwd: service.dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        // Own process group: a terminal Ctrl-C reaches only this script, which then stops services in order.
        detached: true,
      });
      const prefix = `\x1b[${COLORS[index % COLORS.length]}m${service.name.padEnd(9)}\x1b[0m| `;
      const write = (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, prefix));
      child.stdout?.on("data", write);
      child.stderr?.on("data", write);
      child.once("exit", (code) => {
        if (!stopping) resolveExit(`${service.name} exited with code ${code}`);
      });
      children.push(child);
      if (child.pid !== undefined) pids[service.name] = child.pid;
    });
  });
  return {
    exited,
    pids,
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

/** Polls every health endpoint until all answer 200, or fails after `timeoutMs`. */
export async function waitUntilHealthy(services: Service[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    services.map(async (service) => {
      while (Date.now() < deadline) {
        const ok = await fetch(service.healthUrl, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`${service.name} did not become healthy at ${service.healthUrl} within ${timeoutMs / 1000}s`);
    }),
  );
}
