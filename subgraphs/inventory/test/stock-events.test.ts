import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { testConfig, useSubgraph } from "@shop/runtime/testing";
import { startInventorySubgraph } from "../src/app";
import { parseStockChanged, stockChangedChannel } from "../src/services/stock/stock-events";
import { loadInventorySettings } from "../src/settings";
import { insertStock, resyncWhenQuiet, stockedProduct } from "./fixtures";
import { orderService } from "./operations";

// Every stock write must announce its products, or a live subscriber would miss the final state. The jobs run only
// when a test calls them, so each announcement below is the write's own.
const inventory = useSubgraph(startInventorySubgraph, {
  config: testConfig(),
  isolated: { name: "stockevents" },
  settings: ({ stockKeyPrefix }) => ({
    ...loadInventorySettings(),
    stockKeyPrefix,
    sweepIntervalMs: 3_600_000,
    reconcileIntervalMs: 3_600_000,
  }),
});
const order = orderService(inventory);

/** Product ids of every announcement heard on this inventory's channel, in order. */
const heard: string[][] = [];
let listener: Redis;
beforeAll(async () => {
  listener = new Redis(inventory.config.redisUrl);
  listener.on("message", (_channel: string, message: string) => heard.push(parseStockChanged(message)!.productIds));
  await listener.subscribe(stockChangedChannel(inventory.settings!.stockKeyPrefix));
});
afterAll(async () => {
  await listener.quit();
});

/** Waits until an announcement after the `from`-th names the product. */
async function announced(productId: string, from: number) {
  await expect.poll(() => heard.slice(from).some((ids) => ids.includes(productId)), { timeout: 5000 }).toBe(true);
}

const stocked = (onHand: number) => stockedProduct(inventory.subgraph, onHand);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("stock change announcements", () => {
  it("follow a reservation, its commit, the return of its units, and a release", async () => {
    const product = await stocked(5);
    const sold = crypto.randomUUID();
    let from = heard.length;
    expect((await order.reserve(sold, [{ productId: product, quantity: 2 }])).state).toBe("HELD");
    await announced(product, from);
    from = heard.length;
    expect((await order.commit(sold)).state).toBe("COMMITTED");
    await announced(product, from);
    from = heard.length;
    expect((await order.returnStock(sold)).state).toBe("RETURNED");
    await announced(product, from);

    const released = crypto.randomUUID();
    await order.reserve(released, [{ productId: product, quantity: 1 }]);
    from = heard.length;
    expect((await order.release(released)).state).toBe("RELEASED");
    await announced(product, from);
  });

  // setStock's is seen end to end (tests/subscriptions-feeds.test.ts): it asks the product subgraph, not started here.
  it("follow the sweeper's release of an expired hold", async () => {
    const product = await stocked(3);
    const expiring = crypto.randomUUID();
    expect((await order.reserve(expiring, [{ productId: product, quantity: 1 }], 1)).state).toBe("HELD");
    await sleep(1100);
    const from = heard.length;
    expect((await inventory.subgraph.sweep()).expired).toBe(1);
    await announced(product, from);
  });

  it("follow a resync that releases a PENDING order no longer fitting the stock", async () => {
    // A reserve wrote its PENDING row for 2 units and died before its script; only 1 unit is on hand by the resync.
    const product = crypto.randomUUID();
    await insertStock(inventory.subgraph, product, 1, [[2, "PENDING"]]);
    const from = heard.length;
    await resyncWhenQuiet(inventory.subgraph);
    await announced(product, from);
  });

  it("are not made by a refusal that wrote nothing (a sold-out product during a sale)", async () => {
    const [soldOut, other] = [await stocked(0), await stocked(1)];
    const from = heard.length;
    expect((await order.reserve(crypto.randomUUID(), [{ productId: soldOut, quantity: 1 }])).state).toBe("REFUSED");
    // A later write's announcement arriving proves the refusal's would have arrived by now.
    await order.reserve(crypto.randomUUID(), [{ productId: other, quantity: 1 }]);
    await announced(other, from);
    expect(heard.slice(from).flat()).not.toContain(soldOut);
  });
});
