import { describe, expect, it } from "vitest";
import { readSupergraph } from "../supergraph";
import { subscriptionFieldsOf } from "./live-fields";

/** A supergraph trimmed to what subscriptionFieldsOf reads: the graphs, Query and one Subscription field. */
function supergraphWith(subscriptionField: string, query = `order(id: ID!): Order @join__field(graph: ORDER)`) {
  return `
    enum join__Graph {
      INVENTORY @join__graph(name: "inventory", url: "http://127.0.0.1:4003/graphql")
      ORDER @join__graph(name: "order", url: "http://127.0.0.1:4005/graphql")
    }
    type Query @join__type(graph: ORDER) { ${query} }
    type Subscription @join__type(graph: ORDER) { ${subscriptionField} }`;
}

describe("subscriptionFieldsOf", () => {
  it("reads every @live Subscription field of the committed supergraph, owner included", () => {
    const fields = subscriptionFieldsOf(readSupergraph());
    expect(Object.keys(fields).sort()).toEqual(["myOrderUpdates", "orderEvents", "orderUpdated", "stockChanged"]);
    expect(fields.orderUpdated).toEqual({
      subgraph: "order",
      refetchField: "order",
      keyArgument: "id",
      keyType: "ID!",
      keyPath: ["id"],
      keySelection: "id",
      versionField: "updatedAt",
      startsWithState: true,
      resumeArgument: undefined,
    });
    expect(fields.myOrderUpdates).toMatchObject({ subgraph: "order", startsWithState: false, resumeArgument: "since" });
    expect(fields.orderEvents).toMatchObject({ subgraph: "order", refetchField: "order", startsWithState: false });
    expect(fields.stockChanged).toEqual({
      subgraph: "inventory",
      refetchField: "inventory",
      keyArgument: "productId",
      keyType: "ID!",
      keyPath: ["product", "id"],
      keySelection: "product { id }",
      versionField: "asOf",
      startsWithState: true,
      resumeArgument: undefined,
    });
  });

  it("takes the owner from the type's only @join__type when the field has no @join__field, and skips fields without @live", () => {
    const fields = subscriptionFieldsOf(
      supergraphWith(`orderUpdated(id: ID!): Order @live(query: "order", argument: "id")  untracked: Order`),
    );
    expect(Object.keys(fields)).toEqual(["orderUpdated"]);
    expect(fields.orderUpdated).toMatchObject({ subgraph: "order", keyPath: ["id"], startsWithState: false });
  });

  it("refuses a declaration the gateway could not serve, naming the field and why", () => {
    expect(() => subscriptionFieldsOf(supergraphWith(`a: Order @live(query: "missing", argument: "id")`))).toThrow(
      /Subscription.a @live: the supergraph has no Query.missing/,
    );
    expect(() => subscriptionFieldsOf(supergraphWith(`a: Order @live(query: "order", argument: "orderId")`))).toThrow(
      /Query.order has no argument "orderId"/,
    );
    expect(() => subscriptionFieldsOf(supergraphWith(`a: Order @live(query: "order", argument: "id", key: "id user { id }")`))).toThrow(
      /must be one field path/,
    );
    expect(() => subscriptionFieldsOf(supergraphWith(`a: Order @live(query: "order", argument: "id", resume: "since")`))).toThrow(
      /no argument "since" to resume with/,
    );
    expect(() =>
      subscriptionFieldsOf(supergraphWith(`a: Order @join__field(graph: NOWHERE) @live(query: "order", argument: "id")`)),
    ).toThrow(/unknown graph NOWHERE/);
  });
});
