import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBGRAPHS } from "@shop/runtime";
import { freePort, isolate, stackProcessEnv, testConfig } from "@shop/runtime/testing";
import { build, BUILD_ENTRIES } from "../scripts/lib/build";
import { shopServices, spawnServices, waitUntilHealthy, type RunningServices } from "../scripts/lib/services";
import { AddToCartDocument, CheckoutDocument, SignUpDocument } from "./generated/operations";
import { expectData, request } from "./support/client";
import { ADDRESS } from "./support/shop";

/**
 * Production as `NODE_ENV=production npm start` and the image run it: `npm run build`, the compiled preparation step
 * (dist/prepare.js) migrating and seeding this file's own databases, then every subgraph and the gateway from their
 * dist/index.js with plain node, in production mode, with secrets of their own on ports the OS picks.
 */
const root = resolve(import.meta.dirname, "..");
// Own databases and stock key prefix: the inventory's start-up resync rewrites the `held` hash of its keys.
const config = testConfig();
const { drop: dropIsolated, stockKeyPrefix } = isolate(config, "build");
/** The demo catalog's fixed seed makes 320 products (subgraphs/product/src/seed.test.ts). */
const DEMO_PRODUCTS = 320;
let running: RunningServices | undefined;
let gatewayUrl: string;
let env: NodeJS.ProcessEnv;

/** Runs `node <args>` to its end; resolves with its exit code and output. */
function runNode(args: string[]): Promise<{ code: number | null; output: string }> {
  return runNodeWith(args, {});
}

function runNodeWith(args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((done) => child.once("exit", (code) => done({ code, output })));
}

beforeAll(async () => {
  const built = await build();
  expect(built.outputs).toEqual(expect.arrayContaining(BUILD_ENTRIES.map((entry) => entry.output)));

  config.gatewayPort = await freePort();
  for (const name of SUBGRAPHS) {
    config.subgraphs[name].port = await freePort();
    config.subgraphs[name].url = `http://127.0.0.1:${config.subgraphs[name].port}/graphql`;
  }
  gatewayUrl = `http://127.0.0.1:${config.gatewayPort}/graphql`;
  env = {
    ...process.env,
    ...stackProcessEnv(config),
    NODE_ENV: "production",
    // Production refuses to start without a payment provider; this shop is a staging one.
    PAYMENT_PROVIDER: "simulated",
    ADMIN_PASSWORD: randomBytes(16).toString("base64url"),
    STOCK_KEY_PREFIX: stockKeyPrefix,
    LOG_LEVEL: "warn",
    GATEWAY_PORT: String(config.gatewayPort),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_PORT`, String(config.subgraphs[name].port)])),
  };

  // As the image's Job and docker-compose run it: the entry point, naming the service.
  const prepare = await runNode([resolve(root, BUILD_ENTRIES.find((entry) => entry.name === "serve")!.output), "prepare"]);
  expect(prepare, prepare.output).toMatchObject({ code: 0, output: expect.stringContaining(`seeded (${DEMO_PRODUCTS} products)`) });

  const services = shopServices(root, config);
  running = spawnServices(services, env, "compiled");
  const crashed = running.exited.then((reason) => Promise.reject(new Error(reason)));
  await Promise.race([waitUntilHealthy(services), crashed]);
}, 120_000);

afterAll(async () => {
  await running?.stop();
  await dropIsolated();
});

describe("the compiled shop (npm run build, NODE_ENV=production)", () => {
  it("runs every service as plain node on its dist/index.js: no tsx loader, no source maps", () => {
    const processes = running!.processes;
    expect(processes.map((service) => service.name)).toEqual([...SUBGRAPHS, "gateway"]);
    for (const { name, pid } of processes) {
      // What the kernel started (Linux): the node binary and the bundle, with no flag before it.
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const entry = BUILD_ENTRIES.find((candidate) => candidate.name === name)!;
      expect(argv, name).toEqual([process.execPath, resolve(root, entry.output)]);
      const environment = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      const nodeOptions = environment.find((entry) => entry.startsWith("NODE_OPTIONS="));
      expect(nodeOptions ?? "", name).not.toMatch(/tsx|source-maps/);
      expect(environment, name).toContain("NODE_ENV=production");
    }
  });

  it("answers the demo storefront across every subgraph through the compiled gateway", async () => {
    const catalog = await request(
      gatewayUrl,
      `{ products(first: 3) { totalCount edges { node { title category { name } inventory { available } } } } }`,
    );
    expect(catalog.errors).toBeUndefined();
    expect(catalog.data.products.totalCount).toBe(DEMO_PRODUCTS);
    expect(catalog.data.products.edges[0].node).toMatchObject({ title: expect.any(String), category: { name: expect.any(String) } });

    // Production seeds no demo customer (its password is public): the seeded admin is the only account.
    const demo = await request(gatewayUrl, `mutation { logIn(email: "customer@shop.test", password: "customer-password") { token } }`);
    expect(demo.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const { signUp: logIn } = await expectData(gatewayUrl, SignUpDocument, {
      input: { email: `build-${crypto.randomUUID()}@example.com`, password: "customer password", name: "Build Customer" },
    });
    const mine = `{ cart { itemCount items { quantity product { id inventory { available } } } } me { orders { totalCount } } }`;
    const stocked = await expectData(gatewayUrl, `{ products(first: 20) { edges { node { id inventory { available } } } } }`);
    const [first, second] = stocked.products.edges
      .map((edge: { node: { id: string; inventory: { available: number } } }) => edge.node)
      .filter((node: { inventory: { available: number } }) => node.inventory.available >= 2);
    for (const [productId, quantity] of [
      [first.id, 1],
      [second.id, 2],
    ] as const)
      await expectData(gatewayUrl, AddToCartDocument, { productId, quantity }, { token: logIn.token });
    const before = await expectData(gatewayUrl, mine, {}, { token: logIn.token });
    expect(before.cart.itemCount).toBe(3);
    expect(before.me.orders.totalCount).toBe(0);

    // Checkout: the order saga reads the cart and prices, and the inventory's Lua scripts reserve and commit the stock.
    const result = await request(
      gatewayUrl,
      CheckoutDocument,
      { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
      { token: logIn.token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
    const after = await expectData(gatewayUrl, mine, {}, { token: logIn.token });
    expect(after.cart.itemCount).toBe(0);
    expect(after.me.orders.totalCount).toBe(1);
    const line = before.cart.items[0];
    const { product } = await expectData(gatewayUrl, `query($id: ID!) { product(id: $id) { inventory { available } } }`, {
      id: line.product.id,
    });
    expect(product.inventory.available).toBe(line.product.inventory.available - line.quantity);
  });

  it("runs in production mode: no introspection, and the configured admin password", async () => {
    const introspection = await request(gatewayUrl, `{ __schema { queryType { name } } }`);
    expect(introspection.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const admin = await request(
      gatewayUrl,
      `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { user { role } } }`,
      {
        email: config.admin.email,
        password: env.ADMIN_PASSWORD,
      },
    );
    expect(admin.errors).toBeUndefined();
    expect(admin.data.logIn.user.role).toBe("ADMIN");
  });

  it("the image's entry point probes each running service by name, and refuses a name it does not know", async () => {
    const serve = resolve(root, BUILD_ENTRIES.find((entry) => entry.name === "serve")!.output);
    const probes = await Promise.all(
      [...SUBGRAPHS, "gateway"].map(async (name) => ({ name, ...(await runNode([serve, "--probe", name])) })),
    );
    for (const probe of probes) expect(probe).toMatchObject({ name: probe.name, code: 0 });
    // SHOP_SERVICE picks the service when no argument does (the image's HEALTHCHECK runs `serve.js --probe`).
    const byVariable = await runNodeWith([serve, "--probe"], { SHOP_SERVICE: "cart" });
    expect(byVariable.code).toBe(0);
    const nowhere = await runNodeWith([serve, "--probe", "cart"], { CART_PORT: String(await freePort()) });
    expect(nowhere.code).toBe(1);
    const unknown = await runNode([serve, "warehouse"]);
    expect(unknown).toMatchObject({ code: 2, output: expect.stringContaining('Unknown service "warehouse"') });
  });
});
