import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, stackProcessEnv, testConfig } from "@shop/runtime/testing";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import { startStack, type Stack } from "./support/stack";
import { liveClient, updateOrderStatus, Watch } from "./support/subscriptions";

/**
 * Two gateway processes and two order-subgraph processes on loopback, sharing PostgreSQL and Redis; user, product,
 * inventory and cart run in this process. Gateway N talks to order process N only, so an event has to cross processes
 * through Redis to reach a subscriber of the other gateway.
 */
const root = resolve(import.meta.dirname, "..");
let stack: Stack;
let via: [Stack, Stack];
const children = new Set<ChildProcess>();
const gateways: { url: string; child: ChildProcess }[] = [];
const orders: { port: number; child: ChildProcess }[] = [];
const clients: { dispose(): unknown }[] = [];

/** Starts `script` as its own process with `env`, resolves once its /livez answers. */
async function spawnService(script: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env: { ...process.env, ...env }, stdio: "ignore" });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/livez`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${script} did not start on port ${port}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return child;
}

async function startOrderProcess(port: number) {
  const env = { ...stackProcessEnv(stack.config), ORDER_PORT: String(port) };
  return spawnService("subgraphs/order/src/index.ts", env, port);
}

async function startGatewayProcess(orderPort: number) {
  const port = await freePort();
  const env = { ...stackProcessEnv(stack.config), GATEWAY_PORT: String(port), ORDER_URL: `http://127.0.0.1:${orderPort}/graphql` };
  return { url: `http://127.0.0.1:${port}/graphql`, child: await spawnService("gateway/src/index.ts", env, port) };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart"]);
  const ports = [await freePort(), await freePort()];
  orders.push(...(await Promise.all(ports.map(async (port) => ({ port, child: await startOrderProcess(port) })))));
  gateways.push(...(await Promise.all(ports.map((port) => startGatewayProcess(port)))));
  via = [
    { ...stack, gatewayUrl: gateways[0]!.url },
    { ...stack, gatewayUrl: gateways[1]!.url },
  ];
}, 90_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all([...children].map(kill));
  await stack.stop();
});

function connect(gateway: number, token: string) {
  const live = liveClient(gateways[gateway]!.url, token);
  clients.push(live);
  return live;
}

const ORDER_UPDATED = `subscription($id: ID!) { orderUpdated(id: $id) { id status items { product { title inventory { available } } } user { email } } }`;
type LiveOrder = {
  orderUpdated: {
    id: string;
    status: string;
    items: { product: { title: string; inventory: { available: number } } }[];
    user: { email: string };
  };
};

/** A customer with a PAID order, placed through gateway `gateway`. */
async function paidOrder(gateway: 0 | 1) {
  const admin = await signInAdmin(via[gateway]);
  const category = await createCategory(via[gateway]);
  const [productId] = (await createStockedProducts(via[gateway], admin.token, category, 1, { onHand: 5 })) as [string];
  const customer = await customerWithCart(via[gateway], [{ productId, quantity: 1 }]);
  const result = await checkout(via[gateway], customer.token);
  const order = result.data!.checkout as { id: string; status: string };
  expect(order.status).toBe("PAID");
  return { admin, customer, orderId: order.id };
}

describe("subscriptions across replicas", () => {
  it("delivers a change made through gateway 1 to a subscriber of gateway 2", async () => {
    const { admin, customer, orderId } = await paidOrder(0);
    const onTwo = new Watch<LiveOrder>(connect(1, customer.token).client, ORDER_UPDATED, { id: orderId });
    const onOne = new Watch<LiveOrder>(connect(0, customer.token).client, ORDER_UPDATED, { id: orderId });
    await onTwo.next((d) => d.orderUpdated.status === "PAID", "the current state on gateway 2");
    await onOne.next((d) => d.orderUpdated.status === "PAID", "the current state on gateway 1");

    await updateOrderStatus(gateways[0]!.url, admin.token, orderId, "PACKED");
    const packed = (await onTwo.next((d) => d.orderUpdated.status === "PACKED", "PACKED on gateway 2")).orderUpdated;
    expect(packed).toMatchObject({ id: orderId, user: { email: customer.email } });
    expect(packed.items[0]!.product.inventory.available).toBe(4);
    await onOne.next((d) => d.orderUpdated.status === "PACKED", "PACKED on gateway 1");
  });

  it("sends a client that reconnects the current state first", async () => {
    const { admin, customer, orderId } = await paidOrder(1);
    const first = connect(1, customer.token);
    const before = new Watch<LiveOrder>(first.client, ORDER_UPDATED, { id: orderId });
    await before.next((d) => d.orderUpdated.status === "PAID", "the current state");
    await first.dispose();

    // Changes while the client is away: it must not wait for the next one to be up to date.
    await updateOrderStatus(gateways[1]!.url, admin.token, orderId, "PACKED");
    await updateOrderStatus(gateways[1]!.url, admin.token, orderId, "SHIPPED", "TRACK-0001");
    const again = new Watch<LiveOrder>(connect(0, customer.token).client, ORDER_UPDATED, { id: orderId });
    await again.until(() => again.values.length > 0, "the first payload after reconnecting");
    expect(again.values[0]!.data!.orderUpdated.status).toBe("SHIPPED");
  });

  it("re-subscribes when an order-subgraph process restarts, and sends the current state again", async () => {
    const { admin, customer, orderId } = await paidOrder(0);
    const onTwo = new Watch<LiveOrder>(connect(1, customer.token).client, ORDER_UPDATED, { id: orderId });
    await onTwo.next((d) => d.orderUpdated.status === "PAID", "the current state");

    const [, second] = orders as [unknown, { port: number; child: ChildProcess }];
    await kill(second.child);
    await updateOrderStatus(gateways[0]!.url, admin.token, orderId, "PACKED");
    second.child = await startOrderProcess(second.port);
    // Gateway 2 re-subscribes on the new process, which sends the state the order reached meanwhile.
    await onTwo.next((d) => d.orderUpdated.status === "PACKED", "PACKED after the restart", 20_000);
    await updateOrderStatus(gateways[0]!.url, admin.token, orderId, "CANCELLED");
    await onTwo.next((d) => d.orderUpdated.status === "CANCELLED", "CANCELLED after the restart");
    expect(onTwo.error).toBeNull();
  }, 60_000);

  it("misses no myOrderUpdates change made while gateway 2's order-subgraph process was down", async () => {
    const { admin, customer, orderId } = await paidOrder(0);
    const mine = new Watch<{ myOrderUpdates: { id: string; status: string } }>(
      connect(1, customer.token).client,
      // Far enough back for the paid order (made just now), within how far `since` may reach (a day by default).
      `subscription { myOrderUpdates(since: "${new Date(Date.now() - 10 * 60_000).toISOString()}") { id status } }`,
    );
    // The replayed order proves the subscription is live end to end, on the subgraph, before anything changes.
    await mine.next((d) => d.myOrderUpdates.id === orderId && d.myOrderUpdates.status === "PAID", "the paid order, replayed");
    await updateOrderStatus(gateways[0]!.url, admin.token, orderId, "PACKED");
    await mine.next((d) => d.myOrderUpdates.status === "PACKED", "PACKED before the break");

    const [, second] = orders as [unknown, { port: number; child: ChildProcess }];
    await kill(second.child);
    // Made through gateway 1 while gateway 2 has no order subgraph: only a resumed subscription can deliver it.
    await updateOrderStatus(gateways[0]!.url, admin.token, orderId, "SHIPPED", "TRACK-RESUME");
    second.child = await startOrderProcess(second.port);
    await mine.next((d) => d.myOrderUpdates.status === "SHIPPED", "SHIPPED, made during the break", 20_000);
    expect(mine.error).toBeNull();
  }, 60_000);

  it("keeps gateway 2's subscribers receiving when gateway 1 dies", async () => {
    const { admin, customer, orderId } = await paidOrder(1);
    const doomed = connect(0, customer.token);
    const onOne = new Watch<LiveOrder>(doomed.client, ORDER_UPDATED, { id: orderId });
    const onTwo = new Watch<LiveOrder>(connect(1, customer.token).client, ORDER_UPDATED, { id: orderId });
    await onOne.next((d) => d.orderUpdated.status === "PAID", "the current state on gateway 1");
    await onTwo.next((d) => d.orderUpdated.status === "PAID", "the current state on gateway 2");

    await kill(gateways[0]!.child);
    expect((await doomed.closed).code).not.toBe(1000);
    await updateOrderStatus(gateways[1]!.url, admin.token, orderId, "PACKED");
    await onTwo.next((d) => d.orderUpdated.status === "PACKED", "PACKED on gateway 2");
    await updateOrderStatus(gateways[1]!.url, admin.token, orderId, "SHIPPED", "TRACK-0002");
    await onTwo.next((d) => d.orderUpdated.status === "SHIPPED", "SHIPPED on gateway 2");
  });
});
