import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { connectDatabase, connectRedis, createLogger, dropDatabase, migrateDatabase, type Database, type Redis } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import { migrationsFolder } from "../src/app";
import { orderEvents, outbox, schema } from "../src/db/schema";
import { ORDER_EVENTS_STREAM, ORDER_STATUS_CHANGED, type OrderStatusChangedEvent } from "../src/services/events";
import { recordStatusChange } from "../src/services/outbox";
import { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from "../src/services/outbox-relay";
import { createOrder } from "../src/services/orders";

const config = testConfig();
/**
 * A database of this file alone: once app.ts runs a relay, the subgraphs of other test files would publish (and
 * lock) these rows too, and what each relay here publishes could no longer be asserted exactly.
 */
const databaseUrl = `${config.subgraphs.order.databaseUrl}_outbox`;
const log = createLogger("order-outbox-test", "silent");
let database: Database<typeof schema>;
let redis: Redis;
let subscriber: Redis;
/** Every pub/sub message seen on the status channel since the file started. */
const messages: OrderStatusChangedEvent[] = [];
const sentinels = new Set<string>();
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  await migrateDatabase(databaseUrl, migrationsFolder);
  database = connectDatabase(databaseUrl, schema, { max: 5 });
  redis = connectRedis(config.redisUrl);
  subscriber = connectRedis(config.redisUrl);
  subscriber.on("message", (_channel: string, message: string) => {
    const parsed = JSON.parse(message) as OrderStatusChangedEvent & { sentinel?: string };
    if (parsed.sentinel) sentinels.add(parsed.sentinel);
    else messages.push(parsed);
  });
  await subscriber.subscribe(ORDER_STATUS_CHANGED);
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});
afterAll(async () => {
  subscriber.disconnect();
  redis.disconnect();
  await database.close();
  await dropDatabase(databaseUrl);
});

/** A relay of this test, stopped after it; unless told to LISTEN, only `drain` makes it publish. */
function relay(options: Partial<OutboxRelayOptions> = {}) {
  const started = startOutboxRelay({ database, redis, log, pollIntervalMs: 600_000, listen: false, ...options });
  relays.push(started);
  return started;
}

async function newOrder() {
  const userId = crypto.randomUUID();
  const lines = [{ productId: crypto.randomUUID(), title: "Lamp", unitPriceAmount: 1500, quantity: 1 }];
  const order = await createOrder(database.db, { userId, currency: "USD", lines, shippingAddress: null, status: "PENDING_PAYMENT" });
  // Creating the order announced it (an outbox row); these tests start from an order with nothing to announce, so they
  // count only the changes they record themselves.
  await database.db.delete(outbox).where(eq(outbox.aggregateId, order.id));
  return { orderId: order.id, userId };
}

/** The id of the newest stream entry, so a test reads only what was added after it. */
async function streamPosition(): Promise<string> {
  const [last] = await redis.xrevrange(ORDER_EVENTS_STREAM, "+", "-", "COUNT", 1);
  return last?.[0] ?? "0-0";
}

async function streamEntriesSince(position: string) {
  const entries = await redis.xrange(ORDER_EVENTS_STREAM, `(${position}`, "+");
  return entries.map(([, fields]) => {
    const entry = Object.fromEntries(
      fields.reduce<[string, string][]>((pairs, value, index) => (index % 2 ? pairs : [...pairs, [value, fields[index + 1]!]]), []),
    );
    return { id: Number(entry.id), topic: entry.topic, payload: JSON.parse(entry.payload!) as OrderStatusChangedEvent };
  });
}

/**
 * Waits until every message published before now has reached the subscriber: Redis delivers a channel's messages in
 * the order it executed the PUBLISHes, so once a sentinel published now arrives, everything earlier has too.
 */
async function settlePubSub() {
  const sentinel = crypto.randomUUID();
  await redis.publish(ORDER_STATUS_CHANGED, JSON.stringify({ sentinel }));
  await vi.waitFor(() => expect(sentinels.has(sentinel)).toBe(true), { timeout: 10_000 });
}

const outboxRowsOf = (orderIds: string[]) =>
  database.db.select().from(outbox).where(inArray(outbox.aggregateId, orderIds)).orderBy(outbox.id);

describe("recordStatusChange + outbox relay", () => {
  it("publishes a committed change exactly once to pub/sub and the stream, and stamps it", async () => {
    const { orderId, userId } = await newOrder();
    const position = await streamPosition();
    const recorded = await database.db.transaction(async (tx) => [
      await recordStatusChange(tx, { orderId, userId, status: "PAID", note: "Payment captured" }),
      await recordStatusChange(tx, { orderId, userId, status: "CANCELLED" }),
    ]);
    const expected = recorded.map(({ outboxId: _, ...event }) => event);
    expect(expected[0]).toEqual({
      eventId: expect.any(Number),
      orderId,
      userId,
      status: "PAID",
      note: "Payment captured",
      at: expect.any(String),
    });
    const events = await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
    expect(events.slice(1).map((event) => event.id)).toEqual(expected.map((event) => event.eventId));

    expect(await relay().drain()).toBe(2);
    await settlePubSub();

    expect(messages.filter((message) => message.orderId === orderId)).toEqual(expected);
    const entries = (await streamEntriesSince(position)).filter((entry) => entry.payload.orderId === orderId);
    expect(entries).toEqual(recorded.map(({ outboxId, ...event }) => ({ id: outboxId, topic: ORDER_STATUS_CHANGED, payload: event })));
    const rows = await outboxRowsOf([orderId]);
    expect(rows.map((row) => [row.id, row.topic, row.publishedAt instanceof Date])).toEqual(
      recorded.map((event) => [event.outboxId, ORDER_STATUS_CHANGED, true]),
    );
  });

  it("publishes nothing for a transaction that rolled back", async () => {
    const { orderId, userId } = await newOrder();
    const position = await streamPosition();
    await expect(
      database.db.transaction(async (tx) => {
        await recordStatusChange(tx, { orderId, userId, status: "PAID" });
        throw new Error("charge failed after the event was written");
      }),
    ).rejects.toThrow("charge failed");

    expect(await relay().drain()).toBe(0);
    await settlePubSub();

    expect(await outboxRowsOf([orderId])).toEqual([]);
    expect(await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).toHaveLength(1);
    expect(messages.filter((message) => message.orderId === orderId)).toEqual([]);
    expect((await streamEntriesSince(position)).filter((entry) => entry.payload.orderId === orderId)).toEqual([]);
  });

  it("wakes on the commit's NOTIFY without waiting for the poll interval", async () => {
    // The order first: a relay already listening could publish the order's creation row before newOrder deletes it,
    // and that message would satisfy the wait below while the PAID row is still unpublished (it then leaked into the
    // next test's drain, which counted 201 rows).
    const { orderId, userId } = await newOrder();
    const started = relay({ listen: true });
    await started.ready;
    await database.db.transaction((tx) => recordStatusChange(tx, { orderId, userId, status: "PAID" }));
    await vi.waitFor(() => expect(messages.filter((message) => message.orderId === orderId)).toHaveLength(1), { timeout: 10_000 });
  });

  it("lets two relays drain 200 rows at once and publishes each row once", async () => {
    const orders = await Promise.all(Array.from({ length: 10 }, newOrder));
    const position = await streamPosition();
    await Promise.all(
      orders.map(({ orderId, userId }) =>
        database.db.transaction(async (tx) => {
          for (let change = 0; change < 20; change += 1)
            await recordStatusChange(tx, { orderId, userId, status: "PACKED", note: `step ${change}` });
        }),
      ),
    );
    const orderIds = orders.map((order) => order.orderId);
    const ids = (await outboxRowsOf(orderIds)).map((row) => row.id);
    expect(ids).toHaveLength(200);

    const [first, second] = await Promise.all([relay({ batchSize: 20 }).drain(), relay({ batchSize: 20 }).drain()]);
    await settlePubSub();

    expect(first + second).toBe(200);
    const published = (await streamEntriesSince(position))
      .filter((entry) => orderIds.includes(entry.payload.orderId))
      .map((entry) => entry.id);
    expect(published.sort((a, b) => a - b)).toEqual(ids);
    const heard = messages.filter((message) => orderIds.includes(message.orderId)).map((message) => message.eventId);
    expect(new Set(heard).size).toBe(200);
    expect(heard).toHaveLength(200);
    expect((await outboxRowsOf(orderIds)).every((row) => row.publishedAt !== null)).toBe(true);
  });

  it("publishes again, with the same event id, a row whose stamp was lost after publishing", async () => {
    const { orderId, userId } = await newOrder();
    const position = await streamPosition();
    const event = await database.db.transaction((tx) => recordStatusChange(tx, { orderId, userId, status: "PAID" }));
    const started = relay();
    expect(await started.drain()).toBe(1);
    // The crash window: Redis has the event, but the stamp never committed.
    await database.db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, event.outboxId));
    expect(await started.drain()).toBe(1);
    await settlePubSub();

    const entries = (await streamEntriesSince(position)).filter((entry) => entry.payload.orderId === orderId);
    expect(entries.map((entry) => [entry.id, entry.payload.eventId])).toEqual([
      [event.outboxId, event.eventId],
      [event.outboxId, event.eventId],
    ]);
    expect(messages.filter((message) => message.orderId === orderId).map((message) => message.eventId)).toEqual([
      event.eventId,
      event.eventId,
    ]);
    expect((await outboxRowsOf([orderId]))[0]!.publishedAt).not.toBeNull();
  });

  it("leaves rows unstamped when Redis refuses them, and a later round publishes them", async () => {
    const { orderId, userId } = await newOrder();
    const position = await streamPosition();
    const broken = connectRedis(config.redisUrl);
    broken.disconnect();
    const event = await database.db.transaction((tx) => recordStatusChange(tx, { orderId, userId, status: "PAID" }));
    await expect(relay({ redis: broken }).drain()).rejects.toThrow(/closed/i);
    expect((await outboxRowsOf([orderId]))[0]!.publishedAt).toBeNull();

    expect(await relay().drain()).toBe(1);
    const entries = (await streamEntriesSince(position)).filter((entry) => entry.payload.orderId === orderId);
    expect(entries.map((entry) => entry.id)).toEqual([event.outboxId]);
    expect((await outboxRowsOf([orderId]))[0]!.publishedAt).not.toBeNull();
  });
});
