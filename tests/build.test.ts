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
import { startOtlpReceiver } from "./support/otlp-receiver";
import { ADDRESS } from "./support/shop";
import { liveClient } from "./support/subscriptions";

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
/** The order the traced checkout made, followed live in the next test. */
let tracedOrder: { id: string; token: string } | undefined;
/** Where the services export their traces, as to an OpenTelemetry collector. */
let collector: Awaited<ReturnType<typeof startOtlpReceiver>>;

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
  collector = await startOtlpReceiver();
  env = {
    ...process.env,
    ...stackProcessEnv(config),
    NODE_ENV: "production",
    // Production refuses to start without a payment provider; this shop is a staging one.
    PAYMENT_PROVIDER: "simulated",
    ADMIN_PASSWORD: randomBytes(16).toString("base64url"),
    STOCK_KEY_PREFIX: stockKeyPrefix,
    LOG_LEVEL: "warn",
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
    // Batches go out every 200 ms rather than every 5 s, so the test reads a checkout's spans soon after it.
    OTEL_BSP_SCHEDULE_DELAY: "200",
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
  await collector?.close();
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

  it("traces one checkout across every service: one trace, with planning, fetches, SQL, Redis and the payment", async () => {
    const { products } = await expectData(gatewayUrl, `{ products(first: 20) { edges { node { id inventory { available } } } } }`);
    const stocked = (products.edges as { node: { id: string; inventory: { available: number } } }[]).find(
      (edge) => edge.node.inventory.available > 0,
    )!.node;
    const email = `traced-${crypto.randomUUID()}@example.com`;
    const { signUp } = await expectData(
      gatewayUrl,
      `mutation($email: String!) { signUp(input: { email: $email, password: "traced password", name: "Traced" }) { token } }`,
      { email },
    );
    await expectData(
      gatewayUrl,
      `mutation($id: ID!) { addToCart(productId: $id, quantity: 1) { itemCount } }`,
      { id: stocked.id },
      { token: signUp.token },
    );

    const traceId = randomBytes(16).toString("hex");
    // An operation of its own, so the gateway plans it here (a plan is cached per operation).
    const result = await request(
      gatewayUrl,
      `mutation TracedCheckout($input: CheckoutInput!) { checkout(input: $input) { __typename ... on Order { id status } } }`,
      { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
      { token: signUp.token, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` } },
    );
    expect(result.data?.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
    const orderId = (result.data!.checkout as { id: string }).id;
    tracedOrder = { id: orderId, token: signUp.token };

    const ofTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    const services = () => new Set(ofTrace().map((span) => span.service));
    // The gateway's request span ends last, once the answer is sent: by then every other span has ended too.
    await expect
      .poll(() => ofTrace().some((span) => span.service === "gateway" && span.name === "TracedCheckout"), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => [...services()].sort(), { timeout: 15_000 }).toEqual(["cart", "gateway", "inventory", "order", "product"]);
    const spans = ofTrace();
    const names = (service: string) => spans.filter((span) => span.service === service).map((span) => span.name);
    // The gateway: the request, Apollo's own query planning and fetches, our fetch to each subgraph.
    expect(names("gateway")).toEqual(expect.arrayContaining(["TracedCheckout", "gateway.plan", "gateway.fetch", "POST order"]));
    // The saga and its payment, both carrying the order's id; SQL and Redis in the services that use them.
    expect(spans.find((span) => span.name === "checkout saga (live)")?.attributes["order.id"]).toBe(orderId);
    expect(spans.find((span) => span.name === "payment charge")?.attributes["order.id"]).toBe(orderId);
    expect(names("order")).toEqual(expect.arrayContaining(["POST cart", "POST inventory", "POST product"]));
    expect(names("inventory")).toEqual(expect.arrayContaining(["redis evalsha"]));
    for (const service of ["order", "inventory", "cart", "product"]) {
      expect(
        spans.some((span) => span.service === service && span.attributes["db.system.name"] === "postgresql"),
        service,
      ).toBe(true);
    }
    // No statement parameter (the customer's address) reaches a span.
    expect(JSON.stringify(spans)).not.toContain(ADDRESS.line1);
    // One tree: every span but the client's root has its parent in the trace, or is the gateway's entry.
    const ids = new Set(spans.map((span) => span.spanId));
    const orphans = spans.filter((span) => !ids.has(span.parentSpanId));
    expect(orphans.map((span) => `${span.service} ${span.name}`)).toEqual(["gateway TracedCheckout"]);
  });

  it("keeps concurrent traced checkouts apart: every one is paid, and each trace holds its own order's saga and SQL", async () => {
    const buyers = 12;
    const { products } = await expectData(gatewayUrl, `{ products(first: 50) { edges { node { id inventory { available } } } } }`);
    const stocked = (products.edges as { node: { id: string; inventory: { available: number } } }[]).find(
      (edge) => edge.node.inventory.available >= buyers,
    )!.node;
    const customers = await Promise.all(
      Array.from({ length: buyers }, async (_, index) => {
        const { signUp } = await expectData(
          gatewayUrl,
          `mutation($email: String!) { signUp(input: { email: $email, password: "traced password", name: "Traced" }) { token } }`,
          { email: `traced-${index}-${crypto.randomUUID()}@example.com` },
        );
        await expectData(
          gatewayUrl,
          `mutation($id: ID!) { addToCart(productId: $id, quantity: 1) { itemCount } }`,
          { id: stocked.id },
          { token: signUp.token },
        );
        return { token: signUp.token as string, traceId: randomBytes(16).toString("hex") };
      }),
    );

    // All at once: statements of a dozen sagas interleave on the same pools while their spans are recorded.
    const orders = await Promise.all(
      customers.map(async ({ token, traceId }) => {
        const result = await request(
          gatewayUrl,
          `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on Order { id status } } }`,
          { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
          { token, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` } },
        );
        expect(result.errors).toBeUndefined();
        expect(result.data?.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
        return { traceId, orderId: (result.data!.checkout as { id: string }).id };
      }),
    );

    for (const { traceId, orderId } of orders) {
      const ofTrace = () => collector.spans.filter((span) => span.traceId === traceId);
      // The saga's span ends after its statements and its charge: once it is in, they are too.
      await expect
        .poll(() => ofTrace().find((span) => span.name === "checkout saga (live)")?.attributes["order.id"], { timeout: 15_000 })
        .toBe(orderId);
      // Exactly one saga and one charge in each trace: no span of a neighbouring checkout strayed into it.
      expect(ofTrace().filter((span) => span.name === "checkout saga (live)")).toHaveLength(1);
      expect(
        ofTrace()
          .filter((span) => span.name === "payment charge")
          .map((span) => span.attributes["order.id"]),
      ).toEqual([orderId]);
      expect(ofTrace().some((span) => span.service === "order" && span.attributes["db.system.name"] === "postgresql")).toBe(true);
    }
  });

  it("carries a subscription's trace from the client through the gateway to the order subgraph over graphql-ws", async () => {
    const traceId = randomBytes(16).toString("hex");
    const live = liveClient(gatewayUrl, tracedOrder!.token);
    const first = new Promise<unknown>((resolve, reject) => {
      const stop = live.client.subscribe(
        {
          query: `subscription FollowTraced($id: ID!) { orderUpdated(id: $id) { id status } }`,
          variables: { id: tracedOrder!.id },
          extensions: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` },
        },
        { next: (value) => (stop(), resolve(value)), error: reject, complete: () => undefined },
      );
    });
    expect(await first).toMatchObject({ data: { orderUpdated: { id: tracedOrder!.id, status: "PAID" } } });
    await live.dispose();

    const ofTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    const gatewaySide = () => ofTrace().find((span) => span.service === "gateway" && span.name === "subscribe FollowTraced");
    const orderSide = () => ofTrace().find((span) => span.service === "order" && span.name.startsWith("subscribe "));
    // Each process sends its spans in batches of its own: wait for both sides.
    await expect.poll(() => Boolean(gatewaySide() && orderSide()), { timeout: 15_000 }).toBe(true);
    const spans = ofTrace();
    // The order subgraph's side of the subscription is a child of the gateway's.
    const ids = new Set(spans.map((span) => span.spanId));
    expect(ids.has(orderSide()!.parentSpanId)).toBe(true);
  });
});
