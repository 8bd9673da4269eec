import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@shop/runtime";
import { admin, customer, testConfig, useStack } from "@shop/runtime/testing";
import { availableKey } from "../src/services/stock/counter-keys";
import { loadInventorySettings } from "../src/settings";
import { insertStock, readCounter, readOnHand, type InventorySubgraph } from "./fixtures";
import { INVENTORY_FIELDS, orderService } from "./operations";

const config = testConfig();
// Counters here are deleted and poisoned on purpose and must stay so until setStock meets them: no resync may run
// in between, neither another file's (own databases and key prefix) nor this file's reconciler.
const shop = useStack(["product", "inventory"], {
  config,
  isolated: { name: "setstock" },
  settings: ({ stockKeyPrefix }) => ({ inventory: { ...loadInventorySettings(), stockKeyPrefix, reconcileIntervalMs: 3_600_000 } }),
});
const inventory = shop.subgraph<InventorySubgraph>("inventory");
// Real products, as setStock checks them with the product subgraph (a devDependency of this package).
const catalog = shop.subgraph("product");
const SET_STOCK = `mutation($id: ID!, $onHand: Int!) { setStock(productId: $id, onHand: $onHand) { ${INVENTORY_FIELDS} } }`;
const setStock = (id: string, onHand: number, viewer: Viewer | null = admin()) => inventory.call(SET_STOCK, { id, onHand }, viewer);

const orders = () => orderService(inventory);

/** A real product, created through the product subgraph as an admin, in a category of this test's own. */
async function createProduct(): Promise<string> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const { sql } = catalog.subgraph.database;
  await sql`insert into categories (slug, name) values (${`inv-${tag}`}, ${`Inventory ${tag}`})`;
  const response = await catalog.call(
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { input: { sku: `INV-${tag}`.toUpperCase(), title: `Stocked ${tag}`, priceAmount: 500, categorySlug: `inv-${tag}` } },
    admin(),
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createProduct.id as string;
}

describe("setStock", () => {
  it("updates PostgreSQL and the Redis counter alike, keeping reservations out of available", async () => {
    const id = await createProduct();
    const first = await setStock(id, 25);
    expect(first.errors).toBeUndefined();
    expect(first.data!.setStock).toEqual({ onHand: 25, reserved: 0, available: 25, inStock: true });
    expect(await readOnHand(inventory.subgraph, id)).toBe(25);
    expect(await readCounter(inventory.subgraph, id)).toBe(25);

    // A checkout holds 5 units: the row in PostgreSQL, the decrement in Redis.
    expect((await orders().reserve(crypto.randomUUID(), [{ productId: id, quantity: 5 }])).state).toBe("HELD");

    const second = await setStock(id, 30);
    expect(second.data!.setStock).toEqual({ onHand: 30, reserved: 5, available: 25, inStock: true });
    expect(await readOnHand(inventory.subgraph, id)).toBe(30);
    expect(await readCounter(inventory.subgraph, id)).toBe(25);
    const read = await inventory.call(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { inventory { ${INVENTORY_FIELDS} } } } }`,
      { r: [{ __typename: "Product", id }] },
    );
    expect(read.data!._entities[0].inventory).toEqual(second.data!.setStock);
  });

  describe("rejects without writing anything", () => {
    let id: string;
    beforeAll(async () => {
      id = await createProduct();
      await insertStock(inventory.subgraph, id, 8, [[3, "ACTIVE"]]);
      await inventory.subgraph.redis.set(availableKey(id), 5);
    });

    it.each([
      ["a customer", () => setStock(id, 50, customer()), { code: "FORBIDDEN" }],
      ["an anonymous caller", () => setStock(id, 50, null), { code: "UNAUTHENTICATED" }],
      ["a negative onHand", () => setStock(id, -1), { code: "BAD_USER_INPUT", field: "onHand" }],
      ["an onHand above the maximum", () => setStock(id, 1_000_001), { code: "BAD_USER_INPUT", field: "onHand" }],
      ["a malformed product id", () => setStock(`${id}x`, 50), { code: "BAD_USER_INPUT", field: "productId" }],
      ["an onHand below the reserved units", () => setStock(id, 2), { code: "BAD_USER_INPUT", field: "onHand" }],
    ])("%s", async (_, run, extensions) => {
      const response = await run();
      expect(response.errors?.[0]?.extensions).toMatchObject(extensions);
      expect(await readOnHand(inventory.subgraph, id)).toBe(8);
      expect(await readCounter(inventory.subgraph, id)).toBe(5);
    });

    it("names the reserved count when onHand would fall below it", async () => {
      const response = await setStock(id, 2);
      expect(response.errors?.[0]?.message).toContain("3 units are reserved");
    });

    it("an unknown product (NOT_FOUND)", async () => {
      const unknown = crypto.randomUUID();
      const response = await setStock(unknown, 5);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
      expect(await readOnHand(inventory.subgraph, unknown)).toBeNull();
      expect(await readCounter(inventory.subgraph, unknown)).toBeNull();
    });
  });
});

describe("setStock and the Redis counter", () => {
  it("sets a missing key from PostgreSQL instead of treating it as zero stock", async () => {
    const id = await createProduct();
    await insertStock(inventory.subgraph, id, 10, [
      [3, "ACTIVE"],
      [4, "RELEASED"],
    ]);
    expect(await readCounter(inventory.subgraph, id)).toBeNull();
    const response = await setStock(id, 12);
    expect(response.data!.setStock).toEqual({ onHand: 12, reserved: 3, available: 9, inStock: true });
    expect(await readCounter(inventory.subgraph, id)).toBe(9);
  });

  it("leaves PostgreSQL and Redis equal after 20 concurrent setStocks on one product", async () => {
    const id = await createProduct();
    await insertStock(inventory.subgraph, id, 4, [[2, "ACTIVE"]]);
    const values = Array.from({ length: 20 }, (_, i) => 10 + ((i * 7) % 20));
    const responses = await Promise.all(values.map((value) => setStock(id, value)));
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    const onHand = (await readOnHand(inventory.subgraph, id))!;
    expect(values).toContain(onHand);
    expect(await readCounter(inventory.subgraph, id)).toBe(onHand - 2);
  });

  it("keeps reservations taken in Redis while setStocks run concurrently", async () => {
    const id = await createProduct();
    expect((await setStock(id, 100)).errors).toBeUndefined();
    const [sets, reserved] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, (_, i) => setStock(id, 100 + i))),
      Promise.all(Array.from({ length: 10 }, () => orders().reserve(crypto.randomUUID(), [{ productId: id, quantity: 1 }]))),
    ]);
    expect(sets.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(reserved.map((result) => result.state)).toEqual(Array(10).fill("HELD"));
    expect(await readCounter(inventory.subgraph, id)).toBe((await readOnHand(inventory.subgraph, id))! - 10);
    expect(await inventory.subgraph.checkInvariant([id])).toEqual([]);
  });

  it("counts PENDING reservations (written before Redis is asked) in the floor of onHand", async () => {
    const id = await createProduct();
    await insertStock(inventory.subgraph, id, 8, [
      [2, "PENDING"],
      [3, "ACTIVE"],
    ]);
    const response = await setStock(id, 4);
    expect(response.errors?.[0]?.message).toContain("5 units are reserved");
    expect(await readOnHand(inventory.subgraph, id)).toBe(8);
  });

  it("rolls PostgreSQL back and drops the key for a rebuild when the counter update fails", async () => {
    const id = await createProduct();
    await insertStock(inventory.subgraph, id, 6);
    await inventory.subgraph.redis.set(availableKey(id), "not a number");
    const response = await setStock(id, 9);
    expect(response.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await readOnHand(inventory.subgraph, id)).toBe(6);
    expect(await readCounter(inventory.subgraph, id)).toBeNull();
  });
});
