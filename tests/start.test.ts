import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { generateInternalKeys, internalKeysEnv, Redis, SUBGRAPHS, WORKERS } from "@shop/runtime";
import { isolate, testConfig } from "@shop/runtime/testing";
import { AVAILABLE_PREFIX, READY_KEY } from "../subgraphs/inventory/src/services/stock/counter-keys";
import { request } from "./support/client";

// `npm start` as a user runs it: its own databases (created, migrated and seeded by the script), spare ports, and
// its own stock key prefix, since its start-up resync rewrites the `held` hash of whatever keys it is given.
const root = resolve(import.meta.dirname, "..");
const basePort = 14_100 + (process.pid % 200) * 8;
const config = testConfig();
const { drop: dropIsolated, stockKeyPrefix } = isolate(config, "start");
const env = {
  ...process.env,
  GATEWAY_PORT: String(basePort),
  WEB_PORT: String(basePort + SUBGRAPHS.length + WORKERS.length + 1),
  REDIS_URL: config.redisUrl,
  STOCK_KEY_PREFIX: stockKeyPrefix,
  LOG_LEVEL: "warn",
  // Secrets of its own: this shop must not trust (or be trusted by) a demo shop running beside the tests.
  JWT_SECRET: randomBytes(32).toString("base64url"),
  ...internalKeysEnv(generateInternalKeys()),
  ...Object.fromEntries(
    SUBGRAPHS.flatMap((name, index) => [
      [`${name.toUpperCase()}_PORT`, String(basePort + index + 1)],
      [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${basePort + index + 1}/graphql`],
      [`${name.toUpperCase()}_DATABASE_URL`, config.subgraphs[name].databaseUrl],
    ]),
  ),
  ...Object.fromEntries(
    WORKERS.flatMap((name, index) => [
      [`${name.toUpperCase()}_PORT`, String(basePort + SUBGRAPHS.length + index + 1)],
      [`${name.toUpperCase()}_DATABASE_URL`, config.workers[name].databaseUrl],
    ]),
  ),
};
/** The demo catalog's fixed seed makes 320 products (subgraphs/product/src/seed.test.ts). */
const DEMO_PRODUCTS = 320;

afterAll(dropIsolated);

async function countKeys(pattern: string): Promise<number> {
  const redis = new Redis(config.redisUrl);
  try {
    return Number(await redis.eval(`return #redis.call('KEYS', ARGV[1])`, 0, pattern));
  } finally {
    redis.disconnect();
  }
}

it("boots everything, serves the catalog through the gateway, and stops every process on Ctrl-C", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  try {
    await expect
      .poll(() => output, { timeout: 60_000, interval: 200 })
      .toMatch(new RegExp(`ready in [\\d.]+s \\(${DEMO_PRODUCTS} demo products\\)`));
    expect(output).toContain(`http://localhost:${basePort}/graphql`);
    expect(output).toContain("customer@shop.test / customer-password");
    // No SMTP_URL: the development mail sink runs, and the banner says where its mails are.
    expect(output).toMatch(
      /Mails: +each order mail is a \.eml file in .*\.data\/mail \(the development SMTP sink, smtp:\/\/127\.0\.0\.1:\d+\)/,
    );
    // The web app is served beside the gateway, pointed at it, with every route falling back to the app.
    const shop = `http://127.0.0.1:${basePort + SUBGRAPHS.length + WORKERS.length + 1}`;
    expect(output).toContain(`Shop (web app):  http://localhost:${basePort + SUBGRAPHS.length + WORKERS.length + 1}`);
    expect(await (await fetch(`${shop}/config.json`)).json()).toEqual({ gatewayUrl: `http://localhost:${basePort}/graphql` });
    expect(await (await fetch(`${shop}/orders/some-order`)).text()).toContain('<div id="root"></div>');

    const gateway = `http://127.0.0.1:${basePort}/graphql`;
    const catalog = await request(
      gateway,
      `{ products(first: 5) { totalCount edges { node { title category { name } inventory { available } } } } }`,
    );
    expect(catalog.errors).toBeUndefined();
    expect(catalog.data.products.totalCount).toBe(DEMO_PRODUCTS);
    expect(catalog.data.products.edges[0].node.category.name).toBeTruthy();
    const login = await request(gateway, `mutation { logIn(email: "customer@shop.test", password: "customer-password") { token } }`);
    const cart = await request(
      gateway,
      `{ cart { itemCount subtotal { amount } } me { orders { totalCount } } }`,
      {},
      { token: login.data.logIn.token },
    );
    // The seed puts 1 and 2 units of the first two stocked products in the demo customer's cart.
    expect(cart.data.cart.itemCount).toBe(3);
    expect(cart.data.me.orders.totalCount).toBe(3);
    // Its stock counters (one per demo product) and the `ready` token of its start-up resync are under its own prefix.
    expect(await countKeys(`${stockKeyPrefix}${AVAILABLE_PREFIX}*`)).toBe(DEMO_PRODUCTS);
    expect(await countKeys(`${stockKeyPrefix}${READY_KEY}`)).toBe(1);
  } finally {
    child.kill("SIGINT");
  }
  expect(await exited).toBe(0);
  for (let port = basePort; port <= basePort + SUBGRAPHS.length + WORKERS.length; port++) {
    await expect(fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  }
}, 90_000);
