import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "@shop/gateway";
import { stackProcessEnv, testConfig } from "@shop/runtime/testing";
import { expectData } from "./support/client";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, stockOf } from "./support/shop";
import { startStack, type Stack } from "./support/stack";

const root = resolve(import.meta.dirname, "..");
let stack: Stack;
let admin: { token: string };
let category: string;
let stopGateway = async () => {};
/** Every order process started; one that failed to crash is killed after its test, so none outlives the run. */
const children: ChildProcess[] = [];
let stopBase = async () => {};

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * The order subgraph as its own process, set to SIGKILL itself at `crashAt`, and a gateway routing to it; resolves
 * once both serve.
 */
async function startDoomedOrderProcess(crashAt: string): Promise<{ child: ChildProcess; exited: Promise<NodeJS.Signals | null>; gatewayUrl: string }> {
  const port = await freePort();
  const env = {
    ...process.env,
    SHOP_CRASH_AT: crashAt,
    ...stackProcessEnv(stack.config),
    ORDER_PORT: String(port),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "subgraphs/order/src/index.ts"], { cwd: root, env, stdio: "ignore" });
  children.push(child);
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_, signal) => done(signal)));
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(() => fetch(`${url}/health`).then((r) => r.ok, () => false), { timeout: 30_000, interval: 100 }).toBe(true);
  stack.config.subgraphs.order.url = `${url}/graphql`;
  const gateway = await startGateway(stack.config);
  stopGateway = gateway.stop;
  return { child, exited, gatewayUrl: gateway.url };
}

/** A healthy order subgraph on the same database, recovering stale checkouts quickly. */
async function startRecoveringOrderSubgraph() {
  const { startOrderSubgraph } = await import("@shop/order");
  const config = { ...stack.config, checkout: { recoveryAfterMs: 200, recoveryIntervalMs: 100 } };
  return startOrderSubgraph(config);
}

/** The customer's checkout rows, read straight from the order database (the process that wrote them is gone). */
async function checkoutStep(customerId: string) {
  const sql = postgres(stack.config.subgraphs.order.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql<{ order_id: string; step: string }[]>`select order_id, step from checkouts where user_id = ${customerId}`;
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  // Everything but the order subgraph runs here; each test starts an order process that dies mid-saga.
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart"]);
  // A gateway for setting up and reading state; each test routes its checkout through a gateway of its own.
  const base = await startGateway(stack.config);
  stack.gatewayUrl = base.url;
  stopBase = base.stop;
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
}, 60_000);
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await stopGateway();
});
afterAll(async () => {
  await stopBase();
  await stack.stop();
});

describe("a process dying mid-checkout", () => {
  it("after reserving, before the order row: recovery gives the stock back; no order, no charge", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 3 }]);
    const doomed = await startDoomedOrderProcess("after-reserve");

    const result = await checkout({ ...stack, gatewayUrl: doomed.gatewayUrl }, customer.token);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await doomed.exited).toBe("SIGKILL");
    expect(await stockOf(stack, product)).toEqual({ available: 5, onHand: 8, reserved: 3 });
    const [stuck] = await checkoutStep(customer.id);
    expect(stuck!.step).toBe("STARTED");

    const recovering = await startRecoveringOrderSubgraph();
    try {
      await expect.poll(async () => (await checkoutStep(customer.id))[0]!.step, { timeout: 15_000 }).toBe("FAILED");
      expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
      expect(await recovering.database.sql`select 1 from orders where user_id = ${customer.id}`).toHaveLength(0);
      expect(await recovering.database.sql`select 1 from simulated_charges where order_id = ${stuck!.order_id}`).toHaveLength(0);
      const cart = await expectData(stack.gatewayUrl, `{ cart { itemCount } }`, {}, { token: customer.token });
      expect(cart.cart.itemCount).toBe(3);
    } finally {
      await recovering.stop();
    }
  }, 60_000);

  it("after payment, before commit: recovery finishes the order; exactly one charge", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 2 }]);
    const doomed = await startDoomedOrderProcess("after-charge");

    const result = await checkout({ ...stack, gatewayUrl: doomed.gatewayUrl }, customer.token);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await doomed.exited).toBe("SIGKILL");
    const [stuck] = await checkoutStep(customer.id);
    expect(stuck!.step).toBe("ORDERED");
    expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 8, reserved: 2 });

    const recovering = await startRecoveringOrderSubgraph();
    try {
      await expect.poll(async () => (await checkoutStep(customer.id))[0]!.step, { timeout: 15_000 }).toBe("COMPLETED");
      const [order] = await recovering.database.sql<{ status: string }[]>`select status from orders where id = ${stuck!.order_id}`;
      expect(order!.status).toBe("PAID");
      expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 6, reserved: 0 });
      const charges = await recovering.database.sql<{ attempts: number; refunded_at: Date | null }[]>`
        select attempts, refunded_at from simulated_charges where order_id = ${stuck!.order_id}`;
      expect(charges).toEqual([{ attempts: 1, refunded_at: null }]);
      const cart = await expectData(stack.gatewayUrl, `{ cart { itemCount } }`, {}, { token: customer.token });
      expect(cart.cart.itemCount).toBe(0);
    } finally {
      await recovering.stop();
    }
  }, 60_000);
});
