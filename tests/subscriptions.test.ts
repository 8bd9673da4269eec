import { CloseCode } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import WebSocket from "ws";
import { loadOrderSettings, type OrderSettings } from "@shop/order/settings";
import { signInternalToken, signUserToken } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import { AddToCartDocument } from "./generated/operations";
import { expectData, request } from "./support/client";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, signUpCustomer } from "./support/shop";
import { orderSubgraphOf, startStack, type Stack } from "./support/stack";
import { liveClient, updateOrderStatus, Watch } from "./support/subscriptions";

const CAP = 3;
/** How far back `myOrderUpdates(since)` may reach here: an hour, below the default day, to see the setting apply. */
const SINCE_MAX_AGE_SECONDS = 3600;
let stack: Stack;
let admin: { token: string; id: string };
let category: string;
const clients: { dispose(): unknown }[] = [];

beforeAll(async () => {
  const config = testConfig();
  const order: OrderSettings = {
    ...loadOrderSettings(),
    payments: { timeoutMs: 300, maxAttempts: 2, breakerThreshold: 50, breakerCooldownMs: 1000 },
    sinceMaxAgeSeconds: SINCE_MAX_AGE_SECONDS,
  };
  config.subscriptions = { ...config.subscriptions, maxPerConnection: CAP, initTimeoutMs: 500 };
  stack = await startStack(config, ["user", "product", "inventory", "cart", "order"], { gateway: true, settings: { order } });
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack.stop();
});

/** A graphql-ws client of the gateway, disposed after the run. */
function connect(token?: string, params?: Record<string, unknown>) {
  const live = liveClient(stack.gatewayUrl, token, params);
  clients.push(live);
  return live;
}

/** A customer with a PAID order of `quantity` units of a new product stocked with `onHand`. */
async function paidOrder(quantity = 2, onHand = 10) {
  const [productId] = (await createStockedProducts(stack, admin.token, category, 1, { onHand })) as [string];
  const customer = await customerWithCart(stack, [{ productId, quantity }]);
  const result = await checkout(stack, customer.token);
  const order = result.data!.checkout as { __typename: string; id: string; status: string };
  expect(order).toMatchObject({ __typename: "Order", status: "PAID" });
  return { customer, productId, orderId: order.id };
}

const ORDER_SELECTION = `id status trackingNumber items { quantity product { title inventory { available } } } user { email } timeline { status note }`;
const ORDER_UPDATED = `subscription($id: ID!) { orderUpdated(id: $id) { ${ORDER_SELECTION} } }`;
const MY_ORDER_UPDATES = `subscription { myOrderUpdates { ${ORDER_SELECTION} } }`;
/**
 * myOrderUpdates that first replays every change of the viewer's orders (all made after this file started, well
 * within how far back `since` may reach): a value arriving proves the feed is live, so what happens after it is
 * delivered. The barrier where a fixed pause would only hope so.
 */
const MY_ORDER_UPDATES_REPLAYED = `subscription { myOrderUpdates(since: "${new Date(Date.now() - 10 * 60_000).toISOString()}") { ${ORDER_SELECTION} } }`;

type LiveOrder = {
  id: string;
  status: string;
  trackingNumber: string | null;
  items: { quantity: number; product: { title: string; inventory: { available: number } } }[];
  user: { email: string };
  timeline: { status: string; note: string | null }[];
};

describe("live order tracking through the gateway", () => {
  it("sends the current order first, then every admin change, with fields of every subgraph", async () => {
    const { customer, orderId } = await paidOrder(2, 10);
    const { client } = connect(customer.token);
    const one = new Watch<{ orderUpdated: LiveOrder }>(client, ORDER_UPDATED, { id: orderId });
    const mine = new Watch<{ myOrderUpdates: LiveOrder }>(client, MY_ORDER_UPDATES);

    const current = (await one.next((d) => d.orderUpdated.status === "PAID", "the current state")).orderUpdated;
    expect(current.user.email).toBe(customer.email);
    expect(current.items).toEqual([
      { quantity: 2, product: { title: expect.stringMatching(/^Product SKU-/), inventory: { available: 8 } } },
    ]);
    expect(current.timeline.map((event) => event.status)).toEqual(["PENDING_PAYMENT", "PAID"]);

    expect((await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PACKED")).errors).toBeUndefined();
    await one.next((d) => d.orderUpdated.status === "PACKED", "PACKED on orderUpdated");
    const packed = (await mine.next((d) => d.myOrderUpdates.status === "PACKED", "PACKED on myOrderUpdates")).myOrderUpdates;
    expect(packed).toMatchObject({ id: orderId, user: { email: customer.email } });
    expect(packed.items[0]!.product.inventory.available).toBe(8);

    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "SHIPPED", "1Z999AA10123456784");
    const shipped = (await one.next((d) => d.orderUpdated.status === "SHIPPED", "SHIPPED")).orderUpdated;
    expect(shipped.trackingNumber).toBe("1Z999AA10123456784");
    expect(shipped.timeline.at(-1)).toEqual({ status: "SHIPPED", note: "Shipped with tracking number 1Z999AA10123456784" });

    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "DELIVERED");
    await one.next((d) => d.orderUpdated.status === "DELIVERED", "DELIVERED");
    await mine.next((d) => d.myOrderUpdates.status === "DELIVERED", "DELIVERED on myOrderUpdates");
    expect(one.error).toBeNull();
    // Each state arrives once: the first is the current one, the rest follow the changes in order.
    expect(one.values.map((value) => value.data!.orderUpdated.status)).toEqual(["PAID", "PACKED", "SHIPPED", "DELIVERED"]);
  });

  it("delivers checkout and cancellation to myOrderUpdates, stock included", async () => {
    // An earlier order (1 of 7 units) is what the feed replays first: once it arrives, the feed is live.
    const { customer, productId, orderId: earlier } = await paidOrder(1, 7);
    await expectData(stack.gatewayUrl, AddToCartDocument, { productId, quantity: 2 }, { token: customer.token });
    const { client } = connect(customer.token);
    const mine = new Watch<{ myOrderUpdates: LiveOrder }>(client, MY_ORDER_UPDATES_REPLAYED);
    await mine.next((d) => d.myOrderUpdates.id === earlier, "the earlier order, replayed");

    const order = (await checkout(stack, customer.token)).data!.checkout as { id: string };
    const paid = (await mine.next((d) => d.myOrderUpdates.id === order.id && d.myOrderUpdates.status === "PAID", "the paid order"))
      .myOrderUpdates;
    expect(paid.items[0]!.product.inventory.available).toBe(4);

    const cancelled = await request(
      stack.gatewayUrl,
      `mutation($id: ID!) { cancelOrder(id: $id) { status } }`,
      { id: order.id },
      { token: customer.token },
    );
    expect(cancelled.data?.cancelOrder.status).toBe("CANCELLED");
    const live = (await mine.next((d) => d.myOrderUpdates.status === "CANCELLED", "the cancelled order")).myOrderUpdates;
    expect(live.items[0]!.product.inventory.available).toBe(6);
    expect(live.timeline.at(-1)!.note).toMatch(/refunded/);
  });

  it("cancels through updateOrderStatus with a refund and the stock back, live", async () => {
    const { customer, orderId } = await paidOrder(3, 7);
    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PACKED");
    const { client } = connect(customer.token);
    const one = new Watch<{ orderUpdated: LiveOrder }>(client, ORDER_UPDATED, { id: orderId });
    await one.next((d) => d.orderUpdated.status === "PACKED", "the current state");

    const result = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "CANCELLED");
    expect(result.data?.updateOrderStatus.status).toBe("CANCELLED");
    const cancelled = (await one.next((d) => d.orderUpdated.status === "CANCELLED", "CANCELLED")).orderUpdated;
    expect(cancelled.items[0]!.product.inventory.available).toBe(7);
    expect(cancelled.timeline.at(-1)!.note).toBe("Cancelled by the shop; payment refunded");
  });
});

describe("losing Redis", () => {
  it("resyncs live subscriptions from PostgreSQL when the subscriber connection comes back", async () => {
    const { customer, orderId } = await paidOrder();
    const { client } = connect(customer.token);
    const one = new Watch<{ orderUpdated: LiveOrder }>(client, ORDER_UPDATED, { id: orderId });
    const mine = new Watch<{ myOrderUpdates: LiveOrder }>(client, MY_ORDER_UPDATES_REPLAYED);
    await one.next((d) => d.orderUpdated.status === "PAID", "the current state");
    await mine.next((d) => d.myOrderUpdates.id === orderId, "the order, replayed");

    // A change that only PostgreSQL knows (no outbox row, so nothing is published): only a resync can find it.
    const order = orderSubgraphOf(stack);
    await order.database.sql.begin(async (sql) => {
      await sql`update orders set status = 'PACKED', updated_at = now() where id = ${orderId}`;
      await sql`insert into order_events (order_id, status, note) values (${orderId}, 'PACKED', 'missed by pub/sub')`;
    });
    const redis = new Redis(stack.config.redisUrl);
    try {
      const clientList = String(await redis.client("LIST"));
      const id = new RegExp(`id=(\\d+) .*name=${order.live.hub.connectionName} `).exec(clientList)?.[1];
      expect(id).toBeDefined();
      await redis.client("KILL", "ID", id!);
    } finally {
      redis.disconnect();
    }
    const packed = (await one.next((d) => d.orderUpdated.status === "PACKED", "the resynced state")).orderUpdated;
    expect(packed.timeline.at(-1)).toEqual({ status: "PACKED", note: "missed by pub/sub" });
    await mine.next((d) => d.myOrderUpdates.status === "PACKED", "the resynced state on myOrderUpdates");
  });
});

describe("who may follow what", () => {
  it("refuses another customer's order with FORBIDDEN, and myOrderUpdates never shows others' orders", async () => {
    const { customer, orderId } = await paidOrder();
    const { customer: stranger, orderId: strangersOwn } = await paidOrder();
    const { client } = connect(stranger.token);
    const theirs = new Watch(client, ORDER_UPDATED, { id: orderId });
    expect((await theirs.failure())[0]!.extensions?.code).toBe("FORBIDDEN");
    const unknown = new Watch(client, ORDER_UPDATED, { id: crypto.randomUUID() });
    expect((await unknown.failure())[0]!.extensions?.code).toBe("FORBIDDEN");
    const malformed = new Watch(client, ORDER_UPDATED, { id: "42" });
    expect((await malformed.failure())[0]!.extensions?.code).toBe("BAD_USER_INPUT");

    const strangerFeed = new Watch<{ myOrderUpdates: LiveOrder }>(client, MY_ORDER_UPDATES_REPLAYED);
    const owner = connect(customer.token);
    const ownerFeed = new Watch<{ myOrderUpdates: LiveOrder }>(owner.client, MY_ORDER_UPDATES_REPLAYED);
    const adminFeed = new Watch<{ orderUpdated: LiveOrder }>(connect(admin.token).client, ORDER_UPDATED, { id: orderId });
    await adminFeed.next((d) => d.orderUpdated.status === "PAID", "the admin's current state");
    await ownerFeed.next((d) => d.myOrderUpdates.id === orderId, "the owner's order, replayed");
    await strangerFeed.next((d) => d.myOrderUpdates.id === strangersOwn, "the stranger's own order, replayed");
    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PACKED");
    await ownerFeed.next((d) => d.myOrderUpdates.status === "PACKED", "the owner's change");
    await adminFeed.next((d) => d.orderUpdated.status === "PACKED", "the admin's change");
    // The barrier: a change of the stranger's own order, made after the owner's. A feed gets events in commit order,
    // so had the owner's change been sent to the stranger, it would have arrived before this one.
    await updateOrderStatus(stack.gatewayUrl, admin.token, strangersOwn, "PACKED");
    const ownChange = (value: (typeof strangerFeed.values)[number]) =>
      value.data?.myOrderUpdates.id === strangersOwn && value.data.myOrderUpdates.status === "PACKED";
    await strangerFeed.until(
      () => strangerFeed.error ?? strangerFeed.values.find(ownChange),
      "the stranger's own change (or the feed's end)",
    );
    expect(strangerFeed.error).toBeNull();
    expect(new Set(strangerFeed.values.map((value) => value.data?.myOrderUpdates.id))).toEqual(new Set([strangersOwn]));
  });

  it("refuses a myOrderUpdates `since` further back than SUBSCRIPTION_SINCE_MAX_AGE_SECONDS with BAD_USER_INPUT", async () => {
    const { customer, orderId } = await paidOrder();
    const { client } = connect(customer.token);
    const since = (msAgo: number) =>
      `subscription { myOrderUpdates(since: "${new Date(Date.now() - msAgo).toISOString()}") { id status } }`;
    for (const query of [
      since(SINCE_MAX_AGE_SECONDS * 1000 + 60_000),
      `subscription { myOrderUpdates(since: "1970-01-01T00:00:00Z") { id } }`,
    ]) {
      const [refused] = await new Watch(client, query).failure();
      expect(refused!.extensions).toEqual({ code: "BAD_USER_INPUT", field: "since" });
      expect(refused!.message).toMatch(/^since: may reach back at most 1 h \(not before .*\); read older changes with myOrders/);
    }
    // Within the bound the replay runs as before.
    const recent = new Watch<{ myOrderUpdates: { id: string; status: string } }>(client, since(SINCE_MAX_AGE_SECONDS * 1000 - 60_000));
    expect((await recent.next((d) => d.myOrderUpdates.id === orderId, "the order, replayed")).myOrderUpdates.status).toBe("PAID");
  });

  it("lets only an ADMIN change a status", async () => {
    const { customer, orderId } = await paidOrder();
    const refused = await updateOrderStatus(stack.gatewayUrl, customer.token, orderId, "PACKED");
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await request(stack.gatewayUrl, `mutation($id: ID!) { updateOrderStatus(id: $id, status: PACKED) { id } }`, {
      id: orderId,
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = await updateOrderStatus(stack.gatewayUrl, admin.token, crypto.randomUUID(), "PACKED");
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("the lifecycle rules of updateOrderStatus", () => {
  it("names the allowed next states on an illegal move, and writes nothing", async () => {
    const { orderId } = await paidOrder();
    const skip = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "DELIVERED");
    expect(skip.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    expect(skip.errors?.[0]?.message).toBe("status: cannot move an order from PAID to DELIVERED; allowed next states: PACKED, CANCELLED");
    const back = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PENDING_PAYMENT");
    expect(back.errors?.[0]?.message).toMatch(/allowed next states: PACKED, CANCELLED/);
    const { data } = await request(
      stack.gatewayUrl,
      `query($id: ID!) { order(id: $id) { status timeline { status } } }`,
      { id: orderId },
      { token: admin.token },
    );
    expect(data.order).toEqual({ status: "PAID", timeline: [{ status: "PENDING_PAYMENT" }, { status: "PAID" }] });
  });

  it("needs a tracking number for SHIPPED, stores it, and ends at DELIVERED", async () => {
    const { orderId } = await paidOrder();
    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PACKED");
    const missing = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "SHIPPED");
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "trackingNumber" });
    const shipped = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "SHIPPED", "JD014600001234");
    expect(shipped.data?.updateOrderStatus).toMatchObject({ status: "SHIPPED", trackingNumber: "JD014600001234" });
    const again = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "SHIPPED", "JD014600001234");
    expect(again.data?.updateOrderStatus.timeline).toHaveLength(4);
    const cancel = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "CANCELLED");
    expect(cancel.errors?.[0]?.message).toMatch(/from SHIPPED to CANCELLED; allowed next states: DELIVERED$/);
    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "DELIVERED");
    const final = await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PACKED");
    expect(final.errors?.[0]?.message).toMatch(/DELIVERED is final/);
  });
});

describe("connection security and limits", () => {
  it("closes a connection without a valid token with 4403", async () => {
    for (const params of [{}, { authorization: "Bearer not-a-jwt" }, { authorization: "Basic abc" }]) {
      const live = connect(undefined, params);
      const watch = new Watch(live.client, MY_ORDER_UPDATES);
      expect((await live.closed).code).toBe(CloseCode.Forbidden);
      expect(watch.values).toEqual([]);
    }
  });

  it(`refuses subscription ${CAP + 1} on one connection, and frees the slot when one completes`, async () => {
    // orderUpdated starts with the order's state: a first value proves a subscription holds its slot.
    const { customer, orderId } = await paidOrder();
    const { client } = connect(customer.token);
    const current = async (watch: Watch<{ orderUpdated: LiveOrder }>) => {
      await watch.until(() => watch.error ?? watch.values[0], "the current state (or a refusal)");
      expect(watch.error).toBeNull();
      return watch.values[0]!.data!;
    };
    const watches = Array.from({ length: CAP }, () => new Watch<{ orderUpdated: LiveOrder }>(client, ORDER_UPDATED, { id: orderId }));
    for (const watch of watches) await current(watch);
    const extra = new Watch(client, ORDER_UPDATED, { id: orderId });
    const [error] = await extra.failure();
    expect(error!.extensions).toMatchObject({ code: "TOO_MANY_SUBSCRIPTIONS", limit: CAP });
    expect(watches.every((watch) => watch.error === null)).toBe(true);
    watches[0]!.dispose();
    const replacement = new Watch<{ orderUpdated: LiveOrder }>(client, ORDER_UPDATED, { id: orderId });
    expect((await current(replacement)).orderUpdated).toMatchObject({ id: orderId, status: "PAID" });
  });

  it("answers invalid operations with their codes, and runs queries over the socket like HTTP", async () => {
    const { customer, orderId } = await paidOrder();
    const { client } = connect(customer.token);
    const invalid = new Watch(client, `subscription { myOrderUpdates { notAField } }`);
    expect((await invalid.failure())[0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const broken = new Watch(client, `subscription { myOrderUpdates {`);
    expect((await broken.failure())[0]!.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    const query = new Watch<{ order: { status: string; user: { email: string } } }>(
      client,
      `query($id: ID!) { order(id: $id) { status user { email } } }`,
      { id: orderId },
    );
    expect(await query.next(() => true, "the query result")).toEqual({ order: { status: "PAID", user: { email: customer.email } } });
  });

  it("closes a socket that never sends connection_init (4408)", async () => {
    const socket = new WebSocket(stack.gatewayUrl.replace(/^http/, "ws"), "graphql-transport-ws");
    const started = Date.now();
    const code = await new Promise<number>((resolve) => socket.on("close", (closeCode) => resolve(closeCode)));
    expect(code).toBe(CloseCode.ConnectionInitialisationTimeout);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("closes the socket when the token expires", async () => {
    const customer = await signUpCustomer(stack);
    const token = await signUserToken(stack.config.jwt.secret, { userId: customer.id, role: "CUSTOMER" }, 2);
    const expiresAt = (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { exp: number }).exp * 1000;
    const live = connect(token);
    const watch = new Watch(live.client, MY_ORDER_UPDATES);
    const closed = await live.closed;
    expect(closed).toMatchObject({ code: CloseCode.Forbidden, reason: expect.stringMatching(/expired/) });
    // Not a moment while the token was still valid (it is, until its exp second begins).
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    await watch.until(() => watch.error, "the subscription to end with the socket");
  });

  it("shares one subgraph subscription between identical ones (one account on two devices), each starting with the state", async () => {
    const { customer, orderId } = await paidOrder();
    const hub = orderSubgraphOf(stack).live.hub;
    const before = hub.listenerCount();
    const phoneClient = connect(customer.token).client;
    const phone = new Watch<{ orderUpdated: LiveOrder }>(phoneClient, ORDER_UPDATED, { id: orderId });
    await phone.next((d) => d.orderUpdated.status === "PAID", "the phone's current state");
    const laptop = new Watch<{ orderUpdated: LiveOrder }>(connect(customer.token).client, ORDER_UPDATED, { id: orderId });
    await laptop.next((d) => d.orderUpdated.status === "PAID", "the laptop's current state");
    expect(hub.listenerCount()).toBe(before + 1);
    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "PACKED");
    await phone.next((d) => d.orderUpdated.status === "PACKED", "PACKED on the phone");
    await laptop.next((d) => d.orderUpdated.status === "PACKED", "PACKED on the laptop");
    phone.dispose();
    // Barriers instead of a pause: a query answered on the phone's socket comes after the gateway took the phone's
    // complete (one socket, in order); the laptop's next change comes through the upstream the phone shared.
    const query = new Watch<{ order: { status: string } }>(phoneClient, `query($id: ID!) { order(id: $id) { status } }`, { id: orderId });
    expect(await query.next(() => true, "the query on the phone's socket")).toEqual({ order: { status: "PACKED" } });
    await updateOrderStatus(stack.gatewayUrl, admin.token, orderId, "SHIPPED", "1Z999AA10123456784");
    await laptop.next((d) => d.orderUpdated.status === "SHIPPED", "SHIPPED on the laptop");
    expect(hub.listenerCount()).toBe(before + 1);
    laptop.dispose();
    await expect.poll(() => hub.listenerCount()).toBe(before);
  });

  it("releases the subgraph's subscription when the client completes or disconnects", async () => {
    const { customer, orderId } = await paidOrder();
    const hub = orderSubgraphOf(stack).live.hub;
    const before = hub.listenerCount();
    const live = connect(customer.token);
    const watches = [new Watch(live.client, ORDER_UPDATED, { id: orderId }), new Watch(live.client, MY_ORDER_UPDATES)];
    await watches[0]!.next(() => true, "the current state");
    await expect.poll(() => hub.listenerCount()).toBe(before + 2);
    watches[0]!.dispose();
    await expect.poll(() => hub.listenerCount()).toBe(before + 1);
    await live.dispose();
    await expect.poll(() => hub.listenerCount()).toBe(before);
  });

  it("lets only the gateway open a WebSocket on the order subgraph", async () => {
    const url = stack.subgraphs.order!.url;
    const anonymous = liveClient(url);
    clients.push(anonymous);
    new Watch(anonymous.client, MY_ORDER_UPDATES);
    expect((await anonymous.closed).code).toBe(CloseCode.Forbidden);

    const forged = liveClient(url, undefined, { "x-shop-internal-token": "forged" });
    clients.push(forged);
    new Watch(forged.client, MY_ORDER_UPDATES);
    expect((await forged.closed).code).toBe(CloseCode.Forbidden);

    const { orderId, customer } = await paidOrder();
    const token = await signInternalToken(stack.config.internalKeys, {
      service: "gateway",
      audience: "order",
      viewer: { userId: customer.id, role: "CUSTOMER" },
    });
    const internal = liveClient(url, undefined, { "x-shop-internal-token": token });
    clients.push(internal);
    const watch = new Watch<{ orderUpdated: { id: string; status: string } }>(
      internal.client,
      `subscription($id: ID!) { orderUpdated(id: $id) { id status } }`,
      { id: orderId },
    );
    expect(await watch.next((d) => d.orderUpdated.status === "PAID", "the order from the subgraph")).toEqual({
      orderUpdated: { id: orderId, status: "PAID" },
    });
  });
});
