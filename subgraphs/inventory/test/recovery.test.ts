import { describe, expect, it } from "vitest";
import { testConfig, useSubgraph } from "@shop/runtime/testing";
import { startInventorySubgraph } from "../src/app";
import { availableKey, HELD_KEY } from "../src/services/stock/counter-keys";
import { loadInventorySettings } from "../src/settings";
import { activeUnits, loseInventoryKeys, readCounter, resyncWhenQuiet, rowsOf, stockedProduct } from "./fixtures";
import { orderService } from "./operations";

const config = testConfig();
// This file deletes every stock key and resyncs: its own database and key prefix keep other files' holds out of it.
const inventory = useSubgraph(startInventorySubgraph, {
  config,
  isolated: { name: "stockrecovery" },
  settings: ({ stockKeyPrefix }) => ({ ...loadInventorySettings(), stockKeyPrefix, sweepIntervalMs: 250 }),
});
const order = orderService(inventory);
const sql = () => inventory.subgraph.database.sql;

const stocked = (onHand: number) => stockedProduct(inventory.subgraph, onHand);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Redis losing every key", () => {
  it("in the middle of a stream of reserves: no oversell, counters rebuilt, later reserves succeed", async () => {
    const stock = 30;
    const product = await stocked(stock);
    const results: { orderId: string; state: string; afterLoss: boolean }[] = [];
    let lost = false;
    const worker = async () => {
      while (results.length < 60) {
        const orderId = crypto.randomUUID();
        const afterLoss = lost;
        const { state } = await order.reserve(orderId, [{ productId: product, quantity: 1 }]);
        results.push({ orderId, state, afterLoss });
        if (!lost && results.filter((result) => result.state === "HELD").length >= 10) {
          lost = true;
          await loseInventoryKeys(inventory.subgraph);
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);

    // More reserves than units: every unit is held exactly once, whether taken before the loss or after the rebuild.
    const held = results.filter((result) => result.state === "HELD");
    expect(held).toHaveLength(stock);
    expect(results.filter((result) => result.state === "REFUSED")).toHaveLength(results.length - stock);
    expect(results.some((result) => result.afterLoss && result.state === "HELD")).toBe(true);
    expect(await activeUnits(inventory.subgraph, product)).toBe(held.length);
    for (const { orderId } of held) expect((await rowsOf(inventory.subgraph, orderId))[0]!.status).toBe("ACTIVE");
    expect(await readCounter(inventory.subgraph, product)).toBe(stock - held.length);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("restores PENDING orders only while they fit: the rest are released, never held twice", async () => {
    const product = await stocked(2);
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    // Two reserves wrote their rows (the first earlier) and died before their scripts; then Redis lost everything.
    await sql()`insert into reservations (order_id, product_id, quantity, status, expires_at, created_at)
      values (${first}, ${product}, 2, 'PENDING', now() + interval '15 minutes', now() - interval '2 seconds'),
             (${second}, ${product}, 2, 'PENDING', now() + interval '15 minutes', now() - interval '1 second')`;
    await loseInventoryKeys(inventory.subgraph);
    // Their callers retry: only the older one fits.
    const [a, b] = await Promise.all([
      order.reserve(first, [{ productId: product, quantity: 2 }]),
      order.reserve(second, [{ productId: product, quantity: 2 }]),
    ]);
    expect([a.state, b.state]).toEqual(["HELD", "REFUSED"]);
    expect((await rowsOf(inventory.subgraph, second))[0]).toMatchObject({ status: "RELEASED", releaseReason: "REFUSED" });
    expect(await readCounter(inventory.subgraph, product)).toBe(0);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });
});

describe("sweeper", () => {
  it("releases a reservation whose TTL passed and gives its stock back", async () => {
    const product = await stocked(4);
    const orderId = crypto.randomUUID();
    expect((await order.reserve(orderId, [{ productId: product, quantity: 3 }], 1)).state).toBe("HELD");
    expect(await readCounter(inventory.subgraph, product)).toBe(1);
    await sleep(1100);
    await inventory.subgraph.sweep();
    expect((await rowsOf(inventory.subgraph, orderId))[0]).toMatchObject({ status: "RELEASED", releaseReason: "EXPIRED" });
    expect(await readCounter(inventory.subgraph, product)).toBe(4);
    expect(await inventory.subgraph.redis.hexists(HELD_KEY, orderId)).toBe(0);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("runs in the background every sweepIntervalMs", async () => {
    const product = await stocked(2);
    const orderId = crypto.randomUUID();
    expect((await order.reserve(orderId, [{ productId: product, quantity: 2 }], 1)).state).toBe("HELD");
    for (let waited = 0; waited < 4000 && (await readCounter(inventory.subgraph, product)) !== 2; waited += 100) await sleep(100);
    expect(await readCounter(inventory.subgraph, product)).toBe(2);
    expect((await rowsOf(inventory.subgraph, orderId))[0]!.status).toBe("RELEASED");
  });
});

describe("crash windows", () => {
  it("PENDING rows older than the bound without a held field (died before the script) are released", async () => {
    const product = await stocked(5);
    const orderId = crypto.randomUUID();
    await sql()`insert into reservations (order_id, product_id, quantity, status, expires_at, created_at)
      values (${orderId}, ${product}, 2, 'PENDING', now() + interval '15 minutes', now() - interval '60 seconds')`;
    await inventory.subgraph.sweep();
    expect((await rowsOf(inventory.subgraph, orderId))[0]).toMatchObject({ status: "RELEASED", releaseReason: "ABANDONED" });
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("a held field whose rows are RELEASED (died between PostgreSQL and Redis) gets its units back", async () => {
    const product = await stocked(5);
    const orderId = crypto.randomUUID();
    expect((await order.reserve(orderId, [{ productId: product, quantity: 4 }])).state).toBe("HELD");
    await sql()`update reservations set status = 'RELEASED', release_reason = 'CANCELLED' where order_id = ${orderId}`;
    expect(await readCounter(inventory.subgraph, product)).toBe(1);
    await inventory.subgraph.sweep();
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
    expect(await inventory.subgraph.redis.hexists(HELD_KEY, orderId)).toBe(0);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("a held field whose rows are COMMITTED is forgotten without giving units back", async () => {
    const product = await stocked(5);
    const orderId = crypto.randomUUID();
    expect((await order.reserve(orderId, [{ productId: product, quantity: 4 }])).state).toBe("HELD");
    await sql().begin(async (tx) => {
      await tx`update reservations set status = 'COMMITTED' where order_id = ${orderId}`;
      await tx`update stock_levels set on_hand = on_hand - 4 where product_id = ${product}`;
    });
    await inventory.subgraph.sweep();
    expect(await inventory.subgraph.redis.hexists(HELD_KEY, orderId)).toBe(0);
    expect(await readCounter(inventory.subgraph, product)).toBe(1);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("a counter drifted by hand is repaired by the resync", async () => {
    const product = await stocked(7);
    expect((await order.reserve(crypto.randomUUID(), [{ productId: product, quantity: 2 }])).state).toBe("HELD");
    await inventory.subgraph.redis.set(availableKey(product), 40);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([{ productId: product, expected: 5, actual: 40 }]);
    await resyncWhenQuiet(inventory.subgraph);
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });
});
