import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startGateway } from "@shop/gateway";
import { loadInventorySettings, type InventorySettings } from "@shop/inventory/settings";
import { loadOrderSettings, type OrderSettings } from "@shop/order/settings";
import { freePort, isolate, stackProcessEnv, testConfig } from "@shop/runtime/testing";
import { CancelOrderDocument } from "./generated/operations";
import { expectData, request } from "./support/client";
import { recordingProxy } from "./support/recording-proxy";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, stockOf } from "./support/shop";
import { inventorySubgraphOf, startStack, type Stack } from "./support/stack";
import { updateOrderStatus } from "./support/subscriptions";

const root = resolve(import.meta.dirname, "..");
// Own databases and stock keys: recovery here treats checkouts idle for 200 ms as abandoned, which on the shared
// order database would take over other files' checkouts in flight.
const config = testConfig();
const { drop: dropIsolated, stockKeyPrefix } = isolate(config, "crash");
let stack: Stack;
let admin: { token: string };
let category: string;
let orderSql: postgres.Sql;
let inventorySql: postgres.Sql;
/** Gateways routed to a test's own order subgraph; any still running when a test ends is stopped after it. */
const gateways = new Set<{ stop(): Promise<void> }>();
/** Every order process started; one that failed to crash is killed after its test, so none outlives the run. */
const children: ChildProcess[] = [];
let stopBase = async () => {};

/** The order subgraph as its own process, with `env` on top of this stack's, and a gateway routing to it; resolves once both serve. */
async function startOrderProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<NodeJS.Signals | null>; gatewayUrl: string }> {
  const port = await freePort();
  const childEnv = {
    ...process.env,
    ...stackProcessEnv(stack.config),
    ...env,
    ORDER_PORT: String(port),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "subgraphs/order/src/index.ts"], { cwd: root, env: childEnv, stdio: "ignore" });
  children.push(child);
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_, signal) => done(signal)));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      () =>
        fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  const gateway = await startGatewayTo(`${url}/graphql`);
  return { child, exited, gatewayUrl: gateway.url };
}

/** This stack's config with the order subgraph at `orderUrl`. */
function withOrderAt(orderUrl: string) {
  return { ...stack.config, subgraphs: { ...stack.config.subgraphs, order: { ...stack.config.subgraphs.order, url: orderUrl } } };
}

/** A gateway routing to the order subgraph at `orderUrl`; stopped after the test unless the test stops it first. */
async function startGatewayTo(orderUrl: string) {
  const gateway = await startGateway(withOrderAt(orderUrl));
  const stoppable = {
    url: gateway.url,
    stop: async () => {
      gateways.delete(stoppable);
      await gateway.stop();
    },
  };
  gateways.add(stoppable);
  return stoppable;
}

/** An order process set to SIGKILL itself at `crashAt` (subgraphs/order/src/services/checkout/crash-points.ts). */
function startDoomedOrderProcess(crashAt: string, env: Record<string, string> = {}) {
  return startOrderProcess({ ...env, SHOP_CRASH_AT: crashAt });
}

/**
 * A customer with `quantity` units of a fresh product (8 on hand) in the cart checks out through an order process that
 * dies at `crashAt`: the checkout fails, the process is gone, and its checkout row is left where it died.
 */
async function checkoutThatDiesAt(crashAt: string, quantity: number, env: Record<string, string> = {}) {
  const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
  const customer = await customerWithCart(stack, [{ productId: product, quantity }]);
  const doomed = await startDoomedOrderProcess(crashAt, env);
  const result = await checkout({ ...stack, gatewayUrl: doomed.gatewayUrl }, customer.token);
  expect(result.errors?.length).toBeGreaterThan(0);
  expect(await doomed.exited).toBe("SIGKILL");
  const [stuck] = await checkoutStep(customer.id);
  return { product, customer, stuck: stuck! };
}

/** A healthy order subgraph on the same database, recovering stale checkouts quickly. */
async function startRecoveringOrderSubgraph() {
  const { startOrderSubgraph } = await import("@shop/order");
  const recovering: OrderSettings = { ...loadOrderSettings(), recovery: { staleAfterMs: 200, intervalMs: 100 } };
  return startOrderSubgraph(stack.config, recovering);
}

/** The customer's checkout rows, read straight from the order database (the process that wrote them may be gone). */
function checkoutStep(customerId: string) {
  return orderSql<{ order_id: string; step: string }[]>`select order_id, step from checkouts where user_id = ${customerId}`;
}

/** What the order database holds about one order's money and status: exactly, row by row. */
async function moneyOf(orderId: string) {
  const [order] = await orderSql<{ status: string }[]>`select status from orders where id = ${orderId}`;
  const charges = await orderSql<{ attempts: number; refunded: boolean }[]>`
    select attempts, refunded_at is not null as refunded from simulated_charges where order_id = ${orderId}`;
  const payments = await orderSql<{ status: string; settled: boolean }[]>`select status, settled from payments where order_id = ${orderId}`;
  return { order: order?.status ?? null, charges, payments };
}

/** A finished order's money: paid, charged once, the payment recorded and settled. */
const PAID_WITH_ONE_CHARGE = {
  order: "PAID",
  charges: [{ attempts: 1, refunded: false }],
  payments: [{ status: "SUCCEEDED", settled: true }],
};

const cartItems = async (token: string) =>
  (await expectData(stack.gatewayUrl, `{ cart { itemCount } }`, {}, { token })).cart.itemCount as number;

beforeAll(async () => {
  // Everything but the order subgraph runs here; each test starts an order process that dies mid-saga.
  const inventory: InventorySettings = { ...loadInventorySettings(), stockKeyPrefix };
  stack = await startStack(config, ["user", "product", "inventory", "cart"], { settings: { inventory } });
  // A gateway for setting up and reading state; each test routes its checkout through a gateway of its own.
  const base = await startGateway(stack.config);
  stack.gatewayUrl = base.url;
  stopBase = base.stop;
  orderSql = postgres(config.subgraphs.order.databaseUrl, { max: 2, onnotice: () => {} });
  inventorySql = postgres(config.subgraphs.inventory.databaseUrl, { max: 1, onnotice: () => {} });
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
}, 60_000);
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all([...gateways].map((gateway) => gateway.stop()));
});
afterAll(async () => {
  await orderSql.end();
  await inventorySql.end();
  await stopBase();
  await stack.stop();
  await dropIsolated();
});

describe("a process dying mid-checkout", () => {
  /** Runs a recovering order subgraph until the customer's checkout reaches `step`, then stops it. */
  async function recoverUntil(customerId: string, step: "COMPLETED" | "FAILED") {
    const recovering = await startRecoveringOrderSubgraph();
    try {
      await expect.poll(async () => (await checkoutStep(customerId))[0]!.step, { timeout: 15_000 }).toBe(step);
    } finally {
      await recovering.stop();
    }
  }

  it("after reserving, before the order row: recovery gives the stock back; no order, no charge", async () => {
    const { product, customer, stuck } = await checkoutThatDiesAt("after-reserve", 3);
    expect(await stockOf(stack, product)).toEqual({ available: 5, onHand: 8, reserved: 3 });
    expect(stuck.step).toBe("STARTED");

    await recoverUntil(customer.id, "FAILED");
    expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await moneyOf(stuck.order_id)).toEqual({ order: null, charges: [], payments: [] });
    expect(await cartItems(customer.token)).toBe(3);
  }, 60_000);

  it("after the order row, before payment: recovery cancels the order and gives the stock back; nothing charged", async () => {
    const { product, customer, stuck } = await checkoutThatDiesAt("after-order", 3);
    expect(stuck.step).toBe("ORDERED");
    expect(await stockOf(stack, product)).toEqual({ available: 5, onHand: 8, reserved: 3 });
    expect(await moneyOf(stuck.order_id)).toEqual({ order: "PENDING_PAYMENT", charges: [], payments: [] });

    // Recovery never starts a charge: the provider knows none for this order, so the order is undone.
    await recoverUntil(customer.id, "FAILED");
    expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await moneyOf(stuck.order_id)).toEqual({ order: "CANCELLED", charges: [], payments: [] });
    expect(await cartItems(customer.token)).toBe(3);
  }, 60_000);

  it("after payment, before recording it: recovery finds the charge and finishes the order; exactly one charge", async () => {
    const { product, customer, stuck } = await checkoutThatDiesAt("after-charge", 2);
    expect(stuck.step).toBe("ORDERED");
    expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 8, reserved: 2 });
    expect(await moneyOf(stuck.order_id)).toEqual({ order: "PENDING_PAYMENT", charges: [{ attempts: 1, refunded: false }], payments: [] });

    await recoverUntil(customer.id, "COMPLETED");
    expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 6, reserved: 0 });
    expect(await moneyOf(stuck.order_id)).toEqual(PAID_WITH_ONE_CHARGE);
    expect(await cartItems(customer.token)).toBe(0);
  }, 60_000);

  it("after the charge was recorded, before the stock was committed: recovery commits and completes; no second charge", async () => {
    const { product, customer, stuck } = await checkoutThatDiesAt("after-charge-recorded", 2);
    expect(stuck.step).toBe("CHARGED");
    expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 8, reserved: 2 });
    expect(await moneyOf(stuck.order_id)).toEqual({
      order: "PENDING_PAYMENT",
      charges: [{ attempts: 1, refunded: false }],
      payments: [{ status: "SUCCEEDED", settled: true }],
    });

    await recoverUntil(customer.id, "COMPLETED");
    expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 6, reserved: 0 });
    expect(await moneyOf(stuck.order_id)).toEqual(PAID_WITH_ONE_CHARGE);
    expect(await cartItems(customer.token)).toBe(0);
  }, 60_000);

  it("the hold expires before the payment is committed: recovery refunds the charge and cancels the order", async () => {
    // Charged and recorded, then gone for longer than its one-second hold.
    const { product, customer, stuck } = await checkoutThatDiesAt("after-charge-recorded", 2, { RESERVATION_TTL_SECONDS: "1" });
    expect(stuck.step).toBe("CHARGED");
    // The sweeper releases the lapsed hold: its units may now be sold to someone else.
    await expect
      .poll(async () => (await inventorySubgraphOf(stack).sweep(), stockOf(stack, product)), { timeout: 15_000, interval: 100 })
      .toEqual({ available: 8, onHand: 8, reserved: 0 });

    await recoverUntil(customer.id, "FAILED");
    expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await moneyOf(stuck.order_id)).toEqual({
      order: "CANCELLED",
      charges: [{ attempts: 1, refunded: true }],
      payments: [{ status: "REFUNDED", settled: true }],
    });
    expect(await cartItems(customer.token)).toBe(2);
  }, 60_000);
});

describe("a charge whose answer never came", () => {
  it("cancels the order at once, and recovery refunds the charge that did go through", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 1 }]);
    // Two attempts of 200 ms: pm_card_timeout charges the card on each, then never answers. Its recovery waits the
    // default 30 s, so only the live request acts on this checkout.
    const { startOrderSubgraph } = await import("@shop/order");
    const settings = loadOrderSettings();
    const live = await startOrderSubgraph(stack.config, {
      ...settings,
      payments: { ...settings.payments, timeoutMs: 200, maxAttempts: 2 },
    });
    const gateway = await startGatewayTo(live.url);

    const result = await checkout({ ...stack, gatewayUrl: gateway.url }, customer.token, { paymentToken: "pm_card_timeout" });
    const outcome = result.data!.checkout;
    expect(outcome).toMatchObject({ __typename: "PaymentUnavailableError", order: { status: "CANCELLED" } });
    const orderId = (outcome as { order: { id: string } }).order.id;
    // Stopping waits for the attempts' ledger writes still running: the ledger is final from here on.
    await gateway.stop();
    await live.stop();
    expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await moneyOf(orderId)).toEqual({
      order: "CANCELLED",
      charges: [{ attempts: 2, refunded: false }],
      payments: [{ status: "FAILED", settled: false }],
    });

    const recovering = await startRecoveringOrderSubgraph();
    try {
      await expect
        .poll(async () => (await moneyOf(orderId)).payments, { timeout: 15_000 })
        .toEqual([{ status: "REFUNDED", settled: true }]);
    } finally {
      await recovering.stop();
    }
    expect(await moneyOf(orderId)).toEqual({
      order: "CANCELLED",
      charges: [{ attempts: 2, refunded: true }],
      payments: [{ status: "REFUNDED", settled: true }],
    });
    expect((await checkoutStep(customer.id)).map((row) => row.step)).toEqual(["FAILED"]);
    expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await cartItems(customer.token)).toBe(1);
  }, 60_000);
});

describe("a process dying mid-cancellation", () => {
  // Serves the orders of these tests and the admin's moves while a cancellation is stuck, without ever recovering one
  // itself: only the recovering subgraph below finishes them, after the stuck state has been looked at.
  let steady: { url: string; stop(): Promise<void> };
  let steadyGateway: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    const { startOrderSubgraph } = await import("@shop/order");
    steady = await startOrderSubgraph(stack.config, { ...loadOrderSettings(), recovery: { staleAfterMs: 600_000, intervalMs: 600_000 } });
    steadyGateway = await startGateway(withOrderAt(steady.url));
  }, 60_000);
  afterAll(async () => {
    await steadyGateway.stop();
    await steady.stop();
  });

  /** A customer's PAID order of 2 units of a fresh product (8 on hand), placed through the steady subgraph. */
  async function paidOrder() {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 2 }]);
    const placed = (await checkout({ ...stack, gatewayUrl: steadyGateway.url }, customer.token)).data!.checkout;
    expect(placed).toMatchObject({ __typename: "Order", status: "PAID" });
    return { product, customer, orderId: (placed as { id: string }).id };
  }

  /** Cancels `orderId` as `token` through an order process that dies at `crashAt`: an error, and the process gone. */
  async function cancelThatDiesAt(crashAt: string, orderId: string, token: string) {
    const doomed = await startDoomedOrderProcess(crashAt);
    const result = await request(doomed.gatewayUrl, CancelOrderDocument, { id: orderId }, { token });
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await doomed.exited).toBe("SIGKILL");
  }

  /** The order's cancellation saga row, its provider refund instant, and its timeline, straight from the database. */
  async function cancellationOf(orderId: string) {
    const [row] = await orderSql<{ step: string }[]>`select step from cancellations where order_id = ${orderId}`;
    const [charge] = await orderSql<{ refunded_at: Date | null }[]>`select refunded_at from simulated_charges where order_id = ${orderId}`;
    const events = await orderSql<{ status: string; note: string | null }[]>`
      select status, note from order_events where order_id = ${orderId} order by id`;
    const published = await orderSql<{ status: string }[]>`
      select payload->>'status' as status from outbox where aggregate_id = ${orderId} order by id`;
    return { step: row?.step ?? null, refundedAt: charge?.refunded_at ?? null, events, published: published.map((e) => e.status) };
  }

  /** Runs a recovering order subgraph until the cancellations of `orderIds` are COMPLETED, then stops it. */
  async function recoverCancellations(orderIds: string[]) {
    const recovering = await startRecoveringOrderSubgraph();
    try {
      await expect
        .poll(async () => Promise.all(orderIds.map(async (id) => (await cancellationOf(id)).step)), { timeout: 20_000 })
        .toEqual(orderIds.map(() => "COMPLETED"));
    } finally {
      await recovering.stop();
    }
  }

  const SOLD = { available: 6, onHand: 6, reserved: 0 };
  const BACK = { available: 8, onHand: 8, reserved: 0 };
  /** Every crash point of the cancellation saga, with what it leaves behind: the step, the money, the stock. */
  const CRASHES = [
    { crashAt: "cancel-after-intent", step: "REQUESTED", refunded: false, payment: "SUCCEEDED", stock: SOLD },
    { crashAt: "cancel-after-refund", step: "REQUESTED", refunded: true, payment: "SUCCEEDED", stock: SOLD },
    { crashAt: "cancel-after-refund-recorded", step: "REFUNDED", refunded: true, payment: "REFUNDED", stock: SOLD },
    { crashAt: "cancel-after-restock", step: "REFUNDED", refunded: true, payment: "REFUNDED", stock: BACK },
    { crashAt: "cancel-after-restock-recorded", step: "RESTOCKED", refunded: true, payment: "REFUNDED", stock: BACK },
  ];

  it("killed at each step, a cancel holds the order from packing, and recovery completes it once: one refund, stock back once", async () => {
    // One order and one doomed process per crash point (one process at a time: each start is heavy on a small
    // machine), and a single recovery for all of them afterwards.
    const cases = await Promise.all(CRASHES.map(async (crash) => ({ ...crash, ...(await paidOrder()) })));
    for (const { crashAt, orderId, customer } of cases) await cancelThatDiesAt(crashAt, orderId, customer.token);

    const stuck = new Map<string, Awaited<ReturnType<typeof cancellationOf>>>();
    for (const { crashAt, step, refunded, payment, stock, orderId, product } of cases) {
      const state = await cancellationOf(orderId);
      stuck.set(orderId, state);
      expect(state.step, crashAt).toBe(step);
      expect(state.refundedAt !== null, crashAt).toBe(refunded);
      expect(await moneyOf(orderId), crashAt).toEqual({
        order: "PAID",
        charges: [{ attempts: 1, refunded }],
        payments: [{ status: payment, settled: true }],
      });
      expect(await stockOf(stack, product), crashAt).toEqual(stock);
      // The intent is recorded: the order can no longer be packed, whatever the admin tool says.
      const packing = await updateOrderStatus(steadyGateway.url, admin.token, orderId, "PACKED");
      expect(packing.errors?.[0], crashAt).toMatchObject({
        message: "status: the order is being cancelled (refund and stock return under way): it cannot become PACKED",
        extensions: { code: "CONFLICT", field: "status" },
      });
    }

    await recoverCancellations(cases.map((c) => c.orderId));
    for (const { crashAt, refunded, orderId, product, customer } of cases) {
      const done = await cancellationOf(orderId);
      expect(await moneyOf(orderId), crashAt).toEqual({
        order: "CANCELLED",
        charges: [{ attempts: 1, refunded: true }],
        payments: [{ status: "REFUNDED", settled: true }],
      });
      // Refunded once: a refund made before the crash is the one that stands.
      if (refunded) expect(done.refundedAt, crashAt).toEqual(stuck.get(orderId)!.refundedAt);
      // Returned once: on hand is back to 8, not 10.
      expect(await stockOf(stack, product), crashAt).toEqual(BACK);
      expect(done.events, crashAt).toEqual([
        { status: "PENDING_PAYMENT", note: null },
        { status: "PAID", note: null },
        { status: "CANCELLED", note: "Cancelled by the customer; payment refunded" },
      ]);
      expect(done.published, crashAt).toEqual(["PENDING_PAYMENT", "PAID", "CANCELLED"]);
      // Cancelling again answers the cancelled order and changes nothing.
      const again = await expectData(steadyGateway.url, CancelOrderDocument, { id: orderId }, { token: customer.token });
      expect(again.cancelOrder.status, crashAt).toBe("CANCELLED");
      expect(await cancellationOf(orderId), crashAt).toEqual(done);
    }
  }, 120_000);

  it("refuses an admin shipping the order while its cancellation is under way; it ends cancelled, never shipped", async () => {
    const { product, orderId } = await paidOrder();
    expect((await updateOrderStatus(steadyGateway.url, admin.token, orderId, "PACKED")).errors).toBeUndefined();
    // The shop cancels the packed order; the process dies with the money refunded, the stock not yet back.
    await cancelThatDiesAt("cancel-after-refund", orderId, admin.token);

    const shipping = await updateOrderStatus(steadyGateway.url, admin.token, orderId, "SHIPPED", "TRACK-RACE-1");
    expect(shipping.errors?.[0]).toMatchObject({
      message: "status: the order is being cancelled (refund and stock return under way): it cannot become SHIPPED",
      extensions: { code: "CONFLICT", field: "status" },
    });
    const [held] = await orderSql<{ status: string; tracking_number: string | null }[]>`
      select status, tracking_number from orders where id = ${orderId}`;
    expect(held).toEqual({ status: "PACKED", tracking_number: null });

    // The admin's own retry of the cancel finishes it (no need to wait for recovery).
    const retried = await updateOrderStatus(steadyGateway.url, admin.token, orderId, "CANCELLED");
    expect(retried.errors).toBeUndefined();
    const done = await cancellationOf(orderId);
    expect(done.step).toBe("COMPLETED");
    expect(done.events.map((event) => event.status)).toEqual(["PENDING_PAYMENT", "PAID", "PACKED", "CANCELLED"]);
    expect(done.events.at(-1)!.note).toBe("Cancelled by the shop; payment refunded");
    expect(await moneyOf(orderId)).toEqual({
      order: "CANCELLED",
      charges: [{ attempts: 1, refunded: true }],
      payments: [{ status: "REFUNDED", settled: true }],
    });
    expect(await stockOf(stack, product)).toEqual(BACK);
    const late = await updateOrderStatus(steadyGateway.url, admin.token, orderId, "SHIPPED", "TRACK-RACE-1");
    expect(late.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  }, 60_000);
});

/** An order subgraph in this process whose recovery runs only when the test calls `recover()`, taking over after 200 ms. */
async function startManualRecovery(config = stack.config, settings: Partial<OrderSettings> = {}) {
  const { startOrderSubgraph } = await import("@shop/order");
  return startOrderSubgraph(config, { ...loadOrderSettings(), recovery: { staleAfterMs: 200, intervalMs: 3_600_000 }, ...settings });
}

/**
 * Runs `hold` in a transaction of `sql` that stays open, holding its locks, until the returned function is called
 * (calling it again is harmless); the transaction is then rolled back, so whatever `hold` wrote never existed.
 */
async function heldOpen(sql: postgres.Sql, hold: (tx: postgres.TransactionSql) => Promise<unknown>): Promise<() => Promise<void>> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let ready = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const rolledBack = new Error("rolled back");
  const held = sql
    .begin(async (tx) => {
      await hold(tx);
      ready();
      await released;
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  await Promise.race([isReady, held]);
  return async () => {
    release();
    await held;
  };
}

/**
 * Holds back every charge of the simulated provider: its ledger held in SHARE mode blocks the charge's INSERT (the
 * charge in flight), not findCharge's SELECT.
 */
const holdChargesBack = () => heldOpen(orderSql, (tx) => tx`lock table simulated_charges in share mode`);

/**
 * Holds back the charge of one order where it lands: an uncommitted ledger row of that order makes the charge's
 * INSERT wait, already sent in full, so it lands once this is released (rolled back) even if its process is stopped.
 */
const holdChargeOf = (orderId: string) =>
  heldOpen(
    orderSql,
    (tx) => tx`insert into simulated_charges (order_id, charge_id, token, amount, currency, status)
               values (${orderId}, 'ch_test_hold', 'pm_card_visa', 0, 'USD', 'SUCCEEDED')`,
  );

/** Waits until a charge is in flight at the provider: its ledger INSERT waits on the lock of `holdChargesBack`. */
async function chargeInFlight() {
  await expect
    .poll(
      async () =>
        (
          await orderSql<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into "simulated_charges"%'`
        )[0]!.waiting,
      { timeout: 15_000 },
    )
    .toBe(1);
}

/** The customer's checkout as recovery sees it: its step, whether its lease is live, whether it is idle past `idleMs`. */
async function leaseOf(customerId: string, idleMs = 200) {
  const [row] = await orderSql<{ step: string; leased: boolean; attempted: boolean; idle: boolean }[]>`
    select step, coalesce(lease_until > now(), false) as leased, charge_attempted_at is not null as attempted,
           updated_at < now() - make_interval(secs => ${idleMs / 1000}) as idle
    from checkouts where user_id = ${customerId}`;
  return row!;
}

describe("a live charge and recovery", () => {
  /** A live order process whose one charge attempt may take 20 s, with its own recovery a minute away. */
  const slowCharges = (leaseMs: number) => ({
    PAYMENT_TIMEOUT_MS: "20000",
    PAYMENT_MAX_ATTEMPTS: "1",
    CHECKOUT_RECOVERY_AFTER_MS: "60000",
    CHECKOUT_CHARGE_LEASE_MS: String(leaseMs),
  });

  it("recovery leaves a checkout alone while its live charge holds the lease; the charge then completes the order", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 2 }]);
    const live = await startOrderProcess(slowCharges(10_000));
    const recovering = await startManualRecovery();
    const releaseCharges = await holdChargesBack();
    const key = crypto.randomUUID();
    try {
      // Its answer may be the gateway's timeout: it is awaited only so that nothing is left running.
      const pending = checkout({ ...stack, gatewayUrl: live.gatewayUrl }, customer.token, { key }).catch((error: unknown) => error);
      await chargeInFlight();
      // Idle past recovery's threshold, the attempt recorded, the lease held by the live request.
      await expect
        .poll(() => leaseOf(customer.id), { timeout: 15_000 })
        .toEqual({ step: "ORDERED", leased: true, attempted: true, idle: true });

      await recovering.recover();
      expect(await leaseOf(customer.id)).toMatchObject({ step: "ORDERED", leased: true });
      const orderId = (await checkoutStep(customer.id))[0]!.order_id;
      expect(await moneyOf(orderId)).toEqual({ order: "PENDING_PAYMENT", charges: [], payments: [] });

      await releaseCharges();
      // Whatever the gateway made of the long wait, the live request finishes the order; a replay shows it.
      await pending;
      await expect.poll(async () => (await checkoutStep(customer.id))[0]!.step, { timeout: 15_000 }).toBe("COMPLETED");
      expect(await moneyOf(orderId)).toEqual(PAID_WITH_ONE_CHARGE);
      const replay = await checkout({ ...stack, gatewayUrl: live.gatewayUrl }, customer.token, { key });
      expect(replay.data?.checkout).toMatchObject({ __typename: "Order", id: orderId, status: "PAID" });
    } finally {
      await releaseCharges();
      await recovering.stop();
    }
    expect(await stockOf(stack, product)).toEqual({ available: 6, onHand: 6, reserved: 0 });
  }, 60_000);

  /**
   * A charge held in flight while the live process stalls (SIGSTOP) past its one-second lease; recovery then takes
   * the checkout over, finds the attempt but no charge, and cancels the order; then the charge lands. Recovery here
   * settles unknown payments 3 s after they were written (as it would 30 s after, by default): after the charge landed.
   */
  async function chargeLandingAfterRecoveryCancelled() {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 2 }]);
    const live = await startOrderProcess(slowCharges(1000));
    const recovering = await startManualRecovery(stack.config, { recovery: { staleAfterMs: 3000, intervalMs: 3_600_000 } });
    // The reservation waits (its table held) until the order id is known and its charge can be held back.
    const releaseReservations = await heldOpen(inventorySql, (tx) => tx`lock table reservations in share mode`);
    let releaseCharge = async () => {};
    try {
      // Its answer is the gateway's timeout or the interrupted checkout: awaited only so that nothing is left running.
      const pending = checkout({ ...stack, gatewayUrl: live.gatewayUrl }, customer.token).catch((error: unknown) => error);
      await expect.poll(async () => (await checkoutStep(customer.id)).length, { timeout: 15_000 }).toBe(1);
      const orderId = (await checkoutStep(customer.id))[0]!.order_id;
      releaseCharge = await holdChargeOf(orderId);
      await releaseReservations();
      await chargeInFlight();
      live.child.kill("SIGSTOP");
      await expect.poll(() => leaseOf(customer.id, 3000), { timeout: 15_000 }).toMatchObject({ leased: false, idle: true });

      await recovering.recover();
      expect(await moneyOf(orderId)).toEqual({ order: "CANCELLED", charges: [], payments: [{ status: "FAILED", settled: false }] });
      expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });

      await releaseCharge();
      await expect.poll(async () => (await moneyOf(orderId)).charges, { timeout: 15_000 }).toEqual([{ attempts: 1, refunded: false }]);
      return { product, customer, orderId, live, recovering, pending };
    } catch (error) {
      await releaseReservations();
      await releaseCharge();
      await recovering.stop();
      throw error;
    }
  }

  /** After either way of refunding: the order cancelled, its one charge refunded, the stock and the cart back. */
  async function expectRefundedAndCancelled(landed: Awaited<ReturnType<typeof chargeLandingAfterRecoveryCancelled>>) {
    expect(await moneyOf(landed.orderId)).toEqual({
      order: "CANCELLED",
      charges: [{ attempts: 1, refunded: true }],
      payments: [{ status: "REFUNDED", settled: true }],
    });
    expect((await checkoutStep(landed.customer.id)).map((row) => row.step)).toEqual(["FAILED"]);
    expect(await stockOf(stack, landed.product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await cartItems(landed.customer.token)).toBe(2);
  }

  it("recovery cancels a checkout whose lease lapsed mid-charge; the live request refunds the charge that lands after", async () => {
    const landed = await chargeLandingAfterRecoveryCancelled();
    try {
      // The stalled process wakes up to the provider's answer, on a checkout recovery already cancelled.
      landed.live.child.kill("SIGCONT");
      await expect
        .poll(async () => (await moneyOf(landed.orderId)).payments, { timeout: 15_000 })
        .toEqual([{ status: "REFUNDED", settled: true }]);
      await landed.pending;
    } finally {
      await landed.recovering.stop();
    }
    await expectRefundedAndCancelled(landed);
  }, 60_000);

  it("recovery refunds a charge that landed after it cancelled, when the live request never learns of it", async () => {
    const landed = await chargeLandingAfterRecoveryCancelled();
    try {
      // The live process dies before it reads the provider's answer: only recovery can still give the money back.
      landed.live.child.kill("SIGKILL");
      expect(await landed.live.exited).toBe("SIGKILL");
      await expect
        .poll(async () => (await landed.recovering.recover(), (await moneyOf(landed.orderId)).payments), { timeout: 15_000 })
        .toEqual([{ status: "REFUNDED", settled: true }]);
    } finally {
      await landed.recovering.stop();
    }
    await expectRefundedAndCancelled(landed);
  }, 60_000);
});

describe("a charged checkout whose commit keeps failing", () => {
  it("is refunded and cancelled at the bound of failed commits, with an error logged naming the order", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 8 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 2 }]);
    // The inventory refuses every commit (503) and serves everything else.
    const inventoryUrl = stack.config.subgraphs.inventory.url;
    const inventory = await recordingProxy(() => inventoryUrl, 0, ["CommitReservation"]);
    const config = {
      ...stack.config,
      subgraphs: { ...stack.config.subgraphs, inventory: { ...stack.config.subgraphs.inventory, url: inventory.url } },
    };
    const order = await startManualRecovery(config, { checkout: { ...loadOrderSettings().checkout, commitMaxAttempts: 3 } });
    const errorsLogged = vi.spyOn(order.log, "error");
    const gateway = await startGatewayTo(order.url);
    try {
      const result = await checkout({ ...stack, gatewayUrl: gateway.url }, customer.token);
      expect(result.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      const [stuck] = await checkoutStep(customer.id);
      const orderId = stuck!.order_id;
      expect(stuck!.step).toBe("CHARGED");
      expect(await moneyOf(orderId)).toMatchObject({ order: "PENDING_PAYMENT", charges: [{ attempts: 1, refunded: false }] });

      // Each recovery round tries the commit again; the third failure in all ends the retries.
      await expect
        .poll(async () => (await order.recover(), (await checkoutStep(customer.id))[0]!.step), { timeout: 15_000 })
        .toBe("FAILED");
      const [failures] = await orderSql<{ commit_failures: number }[]>`select commit_failures from checkouts where order_id = ${orderId}`;
      expect(failures).toEqual({ commit_failures: 3 });
      expect(await moneyOf(orderId)).toEqual({
        order: "CANCELLED",
        charges: [{ attempts: 1, refunded: true }],
        payments: [{ status: "REFUNDED", settled: true }],
      });
      const givenUp = errorsLogged.mock.calls.filter(([, message]) => /stuck at CHARGED/.test(String(message)));
      expect(givenUp).toEqual([[expect.objectContaining({ orderId, failures: 3 }), expect.any(String)]]);
      expect(await stockOf(stack, product)).toEqual({ available: 8, onHand: 8, reserved: 0 });
      expect(await cartItems(customer.token)).toBe(2);
    } finally {
      await order.stop();
      await inventory.close();
    }
  }, 60_000);
});
