import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { freePort, stackProcessEnv } from "@shop/runtime/testing";
import type { Stack } from "./stack";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A gateway of `stack` started as its own process, as a second replica would run. `logLines` collects what it writes
 * to stdout, one entry per line (its JSON log, at the LOG_LEVEL `env` gives it).
 */
export async function startGatewayProcess(
  stack: Stack,
  env: Record<string, string> = {},
): Promise<{ url: string; logLines: string[]; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "gateway/src/index.ts"], {
    cwd: root,
    env: { ...process.env, ...stackProcessEnv(stack.config), GATEWAY_PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const logLines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => logLines.push(line));
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/livez`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the gateway process did not start on port ${port}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, logLines, stop: () => kill(child) };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}
