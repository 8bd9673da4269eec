import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useSubgraph } from "@shop/runtime/testing";
import { startInventorySubgraph } from "../src/app";
import { stockLevels } from "../src/db/schema";
import { availableKey } from "../src/services/stock/counter-keys";
import { seedStock } from "../src/seed";
import { loadInventorySettings } from "../src/settings";
import { insertStock, readCounter, readOnHand, resyncWhenQuiet } from "./fixtures";
import { INVENTORY_FIELDS, orderService } from "./operations";
// Counters are deleted, drifted and resynced here: its own database and key prefix keep other files' resyncs from
// repairing a drift before it is checked, and this file's resyncs out of theirs.
const inventory = useSubgraph(startInventorySubgraph, {
  isolated: { name: "stock" },
  settings: ({ stockKeyPrefix }) => ({ ...loadInventorySettings(), stockKeyPrefix }),
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id inventory { ${INVENTORY_FIELDS} } } } }`;
describe("Product.inventory", () => {
  it("resolves 40 references with one SQL statement, counting PENDING and ACTIVE reservations as reserved", async () => {
    const ids = Array.from({ length: 40 }, () => crypto.randomUUID());
    const [held, empty, plain] = ids as [string, string, string];
    await insertStock(inventory.subgraph, held, 10, [
      [3, "ACTIVE"],
      [2, "PENDING"],
      [4, "COMMITTED"],
      [5, "RELEASED"],
      [6, "RETURNED"],
    ]);
    await insertStock(inventory.subgraph, empty, 0);
    await insertStock(inventory.subgraph, plain, 7, [[1, "RELEASED"]]);

    const before = inventory.subgraph.database.statements.count;
    const response = await inventory.call(ENTITIES, {
      r: [...ids.map((id) => ({ __typename: "Product", id })), { __typename: "Product", id: "not-a-uuid" }],
    });
    expect(inventory.subgraph.database.statements.count - before).toBe(1);
    expect(response.errors).toBeUndefined();

    const entities = response.data!._entities as ({ id: string; inventory: Record<string, unknown> } | null)[];
    expect(entities.slice(0, 40).map((entity) => entity?.id)).toEqual(ids);
    expect(entities[0]!.inventory).toEqual({ onHand: 10, reserved: 5, available: 5, inStock: true });
    expect(entities[1]!.inventory).toEqual({ onHand: 0, reserved: 0, available: 0, inStock: false });
    expect(entities[2]!.inventory).toEqual({ onHand: 7, reserved: 0, available: 7, inStock: true });
    for (const entity of entities.slice(3, 40)) {
      expect(entity!.inventory).toEqual({ onHand: 0, reserved: 0, available: 0, inStock: false });
    }
    expect(entities[40]).toBeNull();
  });

  it("matches ids written in upper case and sends no SQL for malformed ones alone", async () => {
    const id = crypto.randomUUID();
    await insertStock(inventory.subgraph, id, 4, [[4, "ACTIVE"]]);
    const upper = await inventory.call(ENTITIES, { r: [{ __typename: "Product", id: id.toUpperCase() }] });
    expect(upper.data!._entities[0].inventory).toEqual({ onHand: 4, reserved: 4, available: 0, inStock: false });

    const before = inventory.subgraph.database.statements.count;
    const malformed = await inventory.call(ENTITIES, { r: [{ __typename: "Product", id: "1 or 1=1" }] });
    expect(malformed.data!._entities).toEqual([null]);
    expect(inventory.subgraph.database.statements.count - before).toBe(0);
  });
});

describe("resync", () => {
  it("rebuilds a deleted key to onHand − held (PENDING and ACTIVE)", async () => {
    const id = crypto.randomUUID();
    await insertStock(inventory.subgraph, id, 12, [
      [5, "ACTIVE"],
      [1, "PENDING"],
      [3, "RELEASED"],
      [2, "COMMITTED"],
    ]);
    await inventory.subgraph.redis.del(availableKey(id));
    await resyncWhenQuiet(inventory.subgraph);
    expect(await readCounter(inventory.subgraph, id)).toBe(6);
    expect(await inventory.subgraph.checkInvariant([id])).toEqual([]);
  });

  it("overwrites a drifted value and leaves products never stocked without a counter", async () => {
    const [drifted, never] = [crypto.randomUUID(), crypto.randomUUID()];
    await insertStock(inventory.subgraph, drifted, 9);
    await inventory.subgraph.redis.set(availableKey(drifted), 1000);
    expect(await inventory.subgraph.checkInvariant([drifted])).toEqual([{ productId: drifted, expected: 9, actual: 1000 }]);
    await resyncWhenQuiet(inventory.subgraph);
    expect(await readCounter(inventory.subgraph, drifted)).toBe(9);
    expect(await readCounter(inventory.subgraph, never)).toBeNull();
  });
});

describe("seedStock", () => {
  it("inserts missing rows with their counters, and never overwrites an admin's change", async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const items = [
      { productId: a, onHand: 5 },
      { productId: b, onHand: 9 },
    ];
    expect(await seedStock(inventory.config, items, inventory.settings)).toEqual({ inserted: 2 });
    expect(await readCounter(inventory.subgraph, a)).toBe(5);
    expect(await readCounter(inventory.subgraph, b)).toBe(9);

    await inventory.subgraph.database.db.update(stockLevels).set({ onHand: 2 }).where(eq(stockLevels.productId, a));
    await inventory.subgraph.redis.del(availableKey(a));
    expect(await seedStock(inventory.config, items, inventory.settings)).toEqual({ inserted: 0 });
    expect(await readOnHand(inventory.subgraph, a)).toBe(2);
    // The missing counter is not read as stock: the reservation resyncs it from PostgreSQL first.
    const order = orderService(inventory);
    expect((await order.reserve(crypto.randomUUID(), [{ productId: a, quantity: 3 }])).state).toBe("REFUSED");
    expect(await readCounter(inventory.subgraph, a)).toBe(2);
  });
});

describe("health and trust", () => {
  it("reports healthy when PostgreSQL and Redis answer, and refuses calls without the gateway's credential", async () => {
    const health = await fetch(inventory.subgraph.url.replace("/graphql", "/health"));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", service: "inventory" });
    const plain = await fetch(inventory.subgraph.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: ENTITIES, variables: { r: [{ __typename: "Product", id: crypto.randomUUID() }] } }),
    });
    expect(plain.status).toBe(401);
  });
});
