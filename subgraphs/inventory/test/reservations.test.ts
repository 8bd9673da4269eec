import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { seededRandom, testConfig, useSubgraph } from "@shop/runtime/testing";
import { startInventorySubgraph } from "../src/app";
import { loadInventorySettings } from "../src/settings";
import { activeUnits, insertStock, readCounter, readOnHand, rowsOf } from "./fixtures";
import { orderService, type Line } from "./operations";

const config = testConfig();
// Stock rows are inserted without counters, so the first reserve of each product finds one missing and rebuilds
// Redis: on a database and key prefix of its own, that never makes every other file's scripts wait for a resync.
const inventory = useSubgraph(startInventorySubgraph, {
  config,
  isolated: { name: "reserve" },
  // Background jobs stay out of the way here (statement counts); recovery.test.ts covers them.
  settings: ({ stockKeyPrefix }) => ({
    ...loadInventorySettings(),
    stockKeyPrefix,
    sweepIntervalMs: 3_600_000,
    reconcileIntervalMs: 3_600_000,
  }),
});
const order = orderService(inventory);

const one = (productId: string, quantity = 1): Line[] => [{ productId, quantity }];

async function stocked(onHand: number): Promise<string> {
  const id = crypto.randomUUID();
  await insertStock(inventory.subgraph, id, onHand);
  return id;
}

describe("reserveStock under contention", () => {
  it("200 concurrent reserves of 1 unit on 20 in stock: exactly 20 HELD; then 10 commits and 10 releases", async () => {
    const product = await stocked(20);
    const orders = Array.from({ length: 200 }, () => crypto.randomUUID());
    const results = await Promise.all(orders.map((orderId) => order.reserve(orderId, one(product))));
    const held = results.filter((result) => result.state === "HELD");
    expect(held).toHaveLength(20);
    expect(results.filter((result) => result.state === "REFUSED")).toHaveLength(180);
    for (const result of results.filter((r) => r.state === "REFUSED"))
      expect(result.shortages).toEqual([{ productId: product, requested: 1, available: 0 }]);
    expect(held.every((result) => result.expiresAt && Date.parse(result.expiresAt) > Date.now())).toBe(true);
    expect(await readCounter(inventory.subgraph, product)).toBe(0);
    expect(await activeUnits(inventory.subgraph, product)).toBe(20);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);

    const ids = held.map((result) => result.orderId);
    const settled = await Promise.all([...ids.slice(0, 10).map(order.commit), ...ids.slice(10).map(order.release)]);
    expect(settled.map((result) => result.state)).toEqual([...Array(10).fill("COMMITTED"), ...Array(10).fill("RELEASED")]);
    expect(await readOnHand(inventory.subgraph, product)).toBe(10);
    expect(await readCounter(inventory.subgraph, product)).toBe(10);
    const response = await inventory.call(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { inventory { onHand available reserved } } } }`,
      {
        r: [{ __typename: "Product", id: product }],
      },
    );
    expect(response.data!._entities[0].inventory).toEqual({ onHand: 10, available: 10, reserved: 0 });
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("60 multi-line orders racing on 4 products: never more held than stocked, each order all lines or none", async () => {
    const stock = [12, 9, 15, 7];
    const products = await Promise.all(stock.map(stocked));
    const random = seededRandom();
    const requests = Array.from({ length: 60 }, () => {
      const picked = products.filter(() => random.next() < 0.6);
      const lines = (picked.length > 0 ? picked : [products[0]!]).map((productId) => ({ productId, quantity: 1 + random.int(4) }));
      return { orderId: crypto.randomUUID(), lines };
    });
    const results = await Promise.all(requests.map(({ orderId, lines }) => order.reserve(orderId, lines)));
    expect(results.some((result) => result.state === "HELD")).toBe(true);

    const heldUnits = new Map(products.map((id) => [id, 0]));
    for (const [index, { orderId, lines }] of requests.entries()) {
      const rows = await rowsOf(inventory.subgraph, orderId);
      if (results[index]!.state === "HELD") {
        expect(rows.map((row) => row.status)).toEqual(lines.map(() => "ACTIVE"));
        for (const line of lines) heldUnits.set(line.productId, heldUnits.get(line.productId)! + line.quantity);
      } else {
        expect(results[index]!.state).toBe("REFUSED");
        expect(rows.every((row) => row.status === "RELEASED")).toBe(true);
      }
    }
    for (const [index, id] of products.entries()) {
      expect(heldUnits.get(id)!).toBeLessThanOrEqual(stock[index]!);
      expect(await activeUnits(inventory.subgraph, id)).toBe(heldUnits.get(id));
      expect(await readCounter(inventory.subgraph, id)).toBe(stock[index]! - heldUnits.get(id)!);
    }
    expect(await inventory.subgraph.checkInvariant(products)).toEqual([]);
    // Every refusal is true: each shortage is a line of the order that stock could not serve, and stock (which only
    // fell during the race) ended no higher than the shortage saw.
    for (const [index, { lines }] of requests.entries()) {
      if (results[index]!.state !== "REFUSED") continue;
      expect(results[index]!.shortages.length).toBeGreaterThan(0);
      for (const shortage of results[index]!.shortages) {
        expect(lines).toContainEqual({ productId: shortage.productId, quantity: shortage.requested });
        expect(shortage.available).toBeLessThan(shortage.requested);
        expect(await readCounter(inventory.subgraph, shortage.productId)).toBeLessThanOrEqual(shortage.available);
      }
    }
  });
});

describe("idempotency", () => {
  it("the same order reserved 10 times at once takes its units once; release and commit twice change nothing more", async () => {
    const product = await stocked(5);
    const orderId = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => order.reserve(orderId, one(product, 2))));
    expect(results.map((result) => result.state)).toEqual(Array(10).fill("HELD"));
    expect(await readCounter(inventory.subgraph, product)).toBe(3);
    expect((await rowsOf(inventory.subgraph, orderId)).map((row) => row.status)).toEqual(["ACTIVE"]);

    expect((await order.release(orderId)).state).toBe("RELEASED");
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
    expect((await order.release(orderId)).state).toBe("RELEASED");
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
    expect((await order.reserve(orderId, one(product, 2))).state).toBe("RELEASED");
    expect(await readCounter(inventory.subgraph, product)).toBe(5);

    const paid = crypto.randomUUID();
    expect((await order.reserve(paid, one(product, 2))).state).toBe("HELD");
    expect((await order.commit(paid)).state).toBe("COMMITTED");
    expect((await order.commit(paid)).state).toBe("COMMITTED");
    expect(await readOnHand(inventory.subgraph, product)).toBe(3);
    expect(await readCounter(inventory.subgraph, product)).toBe(3);
    expect((await order.reserve(paid, one(product, 2))).state).toBe("COMMITTED");

    expect((await order.returnStock(paid)).state).toBe("RETURNED");
    expect((await order.returnStock(paid)).state).toBe("RETURNED");
    expect(await readOnHand(inventory.subgraph, product)).toBe(5);
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
    expect(await inventory.subgraph.checkInvariant([product])).toEqual([]);
  });

  it("merges duplicate lines, and refuses the same order id with other lines (CONFLICT)", async () => {
    const product = await stocked(10);
    const orderId = crypto.randomUUID();
    expect((await order.reserve(orderId, [...one(product, 2), ...one(product, 3)])).state).toBe("HELD");
    expect((await rowsOf(inventory.subgraph, orderId)).map((row) => row.quantity)).toEqual([5]);
    expect((await order.reserve(orderId, one(product, 5))).state).toBe("HELD");
    const error = await order.reserve(orderId, one(product, 4)).catch((e: GraphQLError) => e);
    expect((error as GraphQLError).extensions).toMatchObject({ code: "CONFLICT", field: "lines" });
    expect(await readCounter(inventory.subgraph, product)).toBe(5);
  });
});

describe("refusals", () => {
  it("refuses a sold-out line from the counter alone, writing nothing", async () => {
    const product = await stocked(1);
    expect((await order.reserve(crypto.randomUUID(), one(product))).state).toBe("HELD");
    const late = crypto.randomUUID();
    const before = inventory.subgraph.database.statements.count;
    expect(await order.reserve(late, one(product))).toMatchObject({
      state: "REFUSED",
      shortages: [{ productId: product, requested: 1, available: 0 }],
    });
    expect(inventory.subgraph.database.statements.count - before).toBe(1); // the replay check only
    expect(await rowsOf(inventory.subgraph, late)).toEqual([]);
  });

  it("refuses a product that was never stocked, and a commit of an expired hold answers RELEASED", async () => {
    const orderId = crypto.randomUUID();
    const never = crypto.randomUUID();
    expect(await order.reserve(orderId, one(never, 2))).toMatchObject({
      state: "REFUSED",
      shortages: [{ productId: never, requested: 2, available: 0 }],
    });
    expect(await rowsOf(inventory.subgraph, orderId)).toEqual([]);
    expect((await order.release(orderId)).state).toBe("RELEASED");

    const product = await stocked(3);
    const lapsed = crypto.randomUUID();
    expect((await order.reserve(lapsed, one(product, 3), 1)).state).toBe("HELD");
    await inventory.subgraph.database.sql`update reservations set expires_at = now() - interval '1 second' where order_id = ${lapsed}`;
    await inventory.subgraph.sweep();
    expect((await order.commit(lapsed)).state).toBe("RELEASED");
    expect(await readOnHand(inventory.subgraph, product)).toBe(3);
    expect(await readCounter(inventory.subgraph, product)).toBe(3);
  });
});

describe("callers and input", () => {
  it("refuses the gateway (FORBIDDEN) on every internal mutation", async () => {
    const id = crypto.randomUUID();
    for (const query of [
      `mutation { reserveStock(orderId: "${id}", lines: [{ productId: "${id}", quantity: 1 }]) { state } }`,
      `mutation { commitReservation(orderId: "${id}") { state } }`,
      `mutation { releaseReservation(orderId: "${id}") { state } }`,
      `mutation { returnStock(orderId: "${id}") { state } }`,
    ]) {
      const response = await inventory.call(query);
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await rowsOf(inventory.subgraph, id)).toEqual([]);
  });

  it.each([
    ["a malformed order id", "not-an-id", () => one(crypto.randomUUID()), undefined, "orderId"],
    ["a malformed product id", null, () => one("1 or 1=1"), undefined, "lines.0.productId"],
    ["a zero quantity", null, () => one(crypto.randomUUID(), 0), undefined, "lines.0.quantity"],
    ["a quantity above 999", null, () => [...one(crypto.randomUUID()), ...one(crypto.randomUUID(), 1000)], undefined, "lines.1.quantity"],
    ["no lines", null, () => [], undefined, "lines"],
    ["a zero TTL", null, () => one(crypto.randomUUID()), 0, "ttlSeconds"],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_, orderIdArg, lines, ttl, field) => {
    const orderId = orderIdArg ?? crypto.randomUUID();
    const error = await order.reserve(orderId, lines(), ttl).catch((e: GraphQLError) => e);
    expect((error as GraphQLError).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    if (!orderIdArg) expect(await rowsOf(inventory.subgraph, orderId)).toEqual([]);
  });

  it("refuses a malformed id on the other mutations, and NOT_FOUND for an unknown commit", async () => {
    for (const run of [order.commit, order.release, order.returnStock]) {
      const error = await run("nope").catch((e: GraphQLError) => e);
      expect((error as GraphQLError).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "orderId" });
    }
    const error = await order.commit(crypto.randomUUID()).catch((e: GraphQLError) => e);
    expect((error as GraphQLError).extensions?.code).toBe("NOT_FOUND");
  });
});
