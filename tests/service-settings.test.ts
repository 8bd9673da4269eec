import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { stackProcessEnv, testConfig } from "@shop/runtime/testing";

// A subgraph's own settings (src/settings.ts) are validated by its entry before it starts anything: a bad value ends
// the process at once with a message naming each bad variable, rather than a service that runs misconfigured.
const root = resolve(import.meta.dirname, "..");
// Test databases and a port of the OS's choosing: were validation ever skipped, the process would touch nothing else.
const stackEnv = { ...stackProcessEnv(testConfig()), ORDER_PORT: "0", INVENTORY_PORT: "0", CART_PORT: "0" };

/** Runs a service's entry with `env` on top of the test stack's; resolves with its exit code and everything it printed. */
function runEntry(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, ...stackEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((done) => child.once("exit", (code) => (clearTimeout(timer), done({ code, output }))));
}

it.each([
  ["order", { PAYMENT_MAX_ATTEMPTS: "0", CHECKOUT_RECOVERY_AFTER_MS: "soon", OUTBOX_POLL_INTERVAL_MS: "-1" }],
  ["inventory", { RESERVATION_SWEEP_INTERVAL_MS: "0", STOCK_KEY_PREFIX: "{shop}:" }],
  ["cart", { GUEST_CART_IDLE_HOURS: "0", GUEST_CART_SWEEP_INTERVAL_MS: "often" }],
])("the %s subgraph refuses to start on bad settings of its own, naming each", async (name, bad) => {
  const { code, output } = await runEntry(`subgraphs/${name}/src/index.ts`, bad);

  expect(code).toBe(1);
  expect(output).toContain(`Invalid environment (${name} subgraph):`);
  for (const variable of Object.keys(bad)) expect(output).toMatch(new RegExp(`^ {2}${variable}: `, "m"));
});
