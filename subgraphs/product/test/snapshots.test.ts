import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { TypedDocumentNode } from "@shop/runtime";
import { useSubgraph } from "@shop/runtime/testing";
import { startProductSubgraph } from "../src/app";
import type { ProductSnapshot } from "../src/generated/resolvers";
import { insertCategory } from "./fixtures";

const catalog = useSubgraph(startProductSubgraph);

const SNAPSHOTS: TypedDocumentNode<{ productSnapshots: (ProductSnapshot | null)[] }, { ids: string[] }> = parse(
  `query($ids: [ID!]!) { productSnapshots(ids: $ids) { id title status priceAmount currency } }`,
);
/** Asks as checkout does: productSnapshots is internal, the gateway's credential is refused. */
const asOrderService = (ids: string[]) => catalog.as("order")(SNAPSHOTS, { ids });

describe("productSnapshots (internal)", () => {
  it("answers in the order asked, null for unknown or malformed ids, in one statement", async () => {
    const { products } = await insertCategory(catalog.subgraph, [
      { title: "Alpha kettle", priceAmount: 1999 },
      { title: "Beta kettle", priceAmount: 2999, status: "ARCHIVED" },
      { title: "Gamma kettle", priceAmount: 0 },
    ]);
    const [a, b, c] = products.map((p) => p.id) as [string, string, string];
    const unknown = "7b0c4a7e-0000-4000-8000-000000000000";
    const before = catalog.subgraph.database.statements.count;
    const { productSnapshots } = await asOrderService([c, unknown, a, "nope", b.toUpperCase(), c]);
    expect(catalog.subgraph.database.statements.count - before).toBe(1);
    expect(productSnapshots).toEqual([
      { id: c, title: "Gamma kettle", status: "ACTIVE", priceAmount: 0, currency: "USD" },
      null,
      { id: a, title: "Alpha kettle", status: "ACTIVE", priceAmount: 1999, currency: "USD" },
      null,
      { id: b, title: "Beta kettle", status: "ARCHIVED", priceAmount: 2999, currency: "USD" },
      { id: c, title: "Gamma kettle", status: "ACTIVE", priceAmount: 0, currency: "USD" },
    ]);
  });

  it("sends no SQL when every id is malformed or the list is empty", async () => {
    const before = catalog.subgraph.database.statements.count;
    expect((await asOrderService(["1", "' or 1=1 --"])).productSnapshots).toEqual([null, null]);
    expect((await asOrderService([])).productSnapshots).toEqual([]);
    expect(catalog.subgraph.database.statements.count - before).toBe(0);
  });
});
