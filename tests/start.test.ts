import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { inject } from "vitest";
import { dropDatabase, SUBGRAPHS } from "@shop/runtime";
import { request } from "./support/client";

// `npm start` as a user runs it: its own databases (created, migrated and seeded by the script), spare ports.
const root = resolve(import.meta.dirname, "..");
const basePort = 14_100 + (process.pid % 200) * 6;
const databaseUrls = Object.fromEntries(
  SUBGRAPHS.map((name) => {
    const url = new URL(inject("testEnv")[`${name.toUpperCase()}_DATABASE_URL`]!);
    url.pathname = `${url.pathname}_start`;
    return [name, url.toString()];
  }),
);
const env = {
  ...process.env,
  GATEWAY_PORT: String(basePort),
  REDIS_URL: inject("testEnv").REDIS_URL,
  LOG_LEVEL: "warn",
  // Secrets of its own: this shop must not trust (or be trusted by) a demo shop running beside the tests.
  JWT_SECRET: randomBytes(32).toString("base64url"),
  INTERNAL_TOKEN_SECRET: randomBytes(32).toString("base64url"),
  ...Object.fromEntries(
    SUBGRAPHS.flatMap((name, index) => [
      [`${name.toUpperCase()}_PORT`, String(basePort + index + 1)],
      [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${basePort + index + 1}/graphql`],
      [`${name.toUpperCase()}_DATABASE_URL`, databaseUrls[name]],
    ]),
  ),
};

afterAll(() => Promise.all(Object.values(databaseUrls).map(dropDatabase)));

it("boots everything, serves the catalog through the gateway, and stops every process on Ctrl-C", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  try {
    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/ready in [\d.]+s \((\d+) demo products\)/);
    expect(output).toContain(`http://localhost:${basePort}/graphql`);
    expect(output).toContain("customer@shop.test / customer-password");

    const gateway = `http://127.0.0.1:${basePort}/graphql`;
    const catalog = await request(gateway, `{ products(first: 5) { totalCount edges { node { title category { name } inventory { available } } } } }`);
    expect(catalog.errors).toBeUndefined();
    expect(catalog.data.products.totalCount).toBeGreaterThan(200);
    expect(catalog.data.products.edges[0].node.category.name).toBeTruthy();
    const login = await request(gateway, `mutation { logIn(email: "customer@shop.test", password: "customer-password") { token } }`);
    const cart = await request(gateway, `{ cart { itemCount subtotal { amount } } me { orders { totalCount } } }`, {}, { token: login.data.logIn.token });
    expect(cart.data.cart.itemCount).toBeGreaterThan(0);
    expect(cart.data.me.orders.totalCount).toBe(3);
  } finally {
    child.kill("SIGINT");
  }
  expect(await exited).toBe(0);
  for (let port = basePort; port <= basePort + SUBGRAPHS.length; port++) {
    await expect(fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  }
}, 90_000);
