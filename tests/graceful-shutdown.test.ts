import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, stackProcessEnv, testConfig } from "@shop/runtime/testing";
import { recordingProxy } from "./support/recording-proxy";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import { startStack, type Stack } from "./support/stack";

// SIGTERM, as an orchestrator sends it, to a real order-subgraph process while a checkout runs in it: the checkout
// finishes within SHUTDOWN_GRACE_MS; past the grace, what still runs is cut and the process exits anyway.

const root = fileURLToPath(new URL("..", import.meta.url));
/** How long the inventory takes to answer each of the checkout's calls (reserve, commit): the checkout's length. */
const INVENTORY_DELAY_MS = 1500;

let stack: Stack;
let inventoryProxy: Awaited<ReturnType<typeof recordingProxy>>;
const gateways: (() => Promise<void>)[] = [];
const { startGateway } = await import("@shop/gateway");
let productId: string;
const children: ChildProcess[] = [];

/** The order subgraph as its own process (`subgraphs/order/src/index.ts`), ready once /readyz answers. */
async function startOrderProcess(graceMs: number) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "subgraphs/order/src/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...stackProcessEnv(stack.config),
      // Only the order process goes through the slow proxy; the gateway and the test's setup do not wait on it.
      INVENTORY_URL: inventoryProxy.url,
      ORDER_PORT: String(port),
      SHUTDOWN_GRACE_MS: String(graceMs),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; at: number }>((done) => child.once("exit", (code) => done({ code, at: Date.now() })));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the order process did not start:\n${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  // A gateway in front of it (the gateway reads subgraph URLs when it starts).
  stack.config.subgraphs.order.url = `${origin}/graphql`;
  const gateway = await startGateway(stack.config);
  stack.gatewayUrl = gateway.url;
  gateways.push(gateway.stop);
  return { child, origin, exited, output: () => output };
}

/** Resolves once the order saga has asked the inventory to reserve stock: the checkout is in flight. */
async function reserving(from: number) {
  while (!inventoryProxy.seen.slice(from).some((call) => call.service === "order" && call.operationName === "ReserveStock")) {
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** When a new connection to `url` is first refused (polled every 20 ms). */
async function firstRefusal(url: string): Promise<number> {
  while (
    await fetch(url).then(
      () => true,
      () => false,
    )
  )
    await new Promise((done) => setTimeout(done, 20));
  return Date.now();
}

beforeAll(async () => {
  const config = testConfig();
  stack = await startStack(config, ["user", "product", "inventory", "cart"]);
  const inventoryUrl = config.subgraphs.inventory.url;
  inventoryProxy = await recordingProxy(() => inventoryUrl, INVENTORY_DELAY_MS);
  // The catalogue is set up through a gateway of its own (no order subgraph needed).
  const setup = await startGateway(config);
  gateways.push(setup.stop);
  stack.gatewayUrl = setup.url;
  const admin = await signInAdmin(stack);
  [productId] = (await createStockedProducts(stack, admin.token, await createCategory(stack), 1, { onHand: 100 })) as [string];
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const stop of gateways) await stop();
  await inventoryProxy?.close();
  await stack?.stop();
});

describe("SIGTERM", () => {
  it("lets a checkout in flight finish, refuses new connections meanwhile, then exits cleanly", async () => {
    const order = await startOrderProcess(20_000);
    const customer = await customerWithCart(stack, [{ productId, quantity: 1 }]);
    const from = inventoryProxy.seen.length;
    let answeredAt = Infinity;
    const running = checkout(stack, customer.token).finally(() => (answeredAt = Date.now()));
    await reserving(from);

    const signalledAt = Date.now();
    order.child.kill("SIGTERM");
    // No longer accepting work: new connections are refused while the checkout still runs.
    const refusedAt = await firstRefusal(`${order.origin}/livez`);
    const result = await running;
    expect(refusedAt).toBeLessThan(answeredAt);

    expect(result.errors, order.output()).toBeUndefined();
    expect(result.data!.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
    const { code, at } = await order.exited;
    expect(code, order.output()).toBe(0);
    // It waited for the checkout (its commit alone takes INVENTORY_DELAY_MS), not for the grace.
    expect(at - signalledAt).toBeGreaterThanOrEqual(INVENTORY_DELAY_MS - 300);
    expect(at - signalledAt).toBeLessThan(15_000);
  });

  it("cuts what still runs once SHUTDOWN_GRACE_MS has passed, and exits", async () => {
    const order = await startOrderProcess(200);
    const customer = await customerWithCart(stack, [{ productId, quantity: 1 }]);
    const from = inventoryProxy.seen.length;
    const running = checkout(stack, customer.token);
    await reserving(from);

    order.child.kill("SIGTERM");
    const { code } = await order.exited;
    const result = await running;

    // Cut before the inventory answered: the gateway lost its connection to the order subgraph.
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(code, order.output()).toBe(0);
    expect(order.output()).toMatch(/shutdown grace passed: cutting the requests still in flight/);
  });
});
