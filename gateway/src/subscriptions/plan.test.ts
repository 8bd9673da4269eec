import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { readSupergraph } from "../supergraph";
import { subscriptionFieldsOf } from "./live-fields";
import { planSubscription } from "./plan";

function plan(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  return planSubscription(document, getOperationAST(document, operationName)!, variables ?? {}, fields);
}

/** The fields the committed supergraph declares: the plan follows the schema, not a table of the gateway's. */
const fields = subscriptionFieldsOf(readSupergraph());

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("planSubscription", () => {
  it("opens the root field upstream selecting only the key, and refetches the client's selection by key", () => {
    const result = plan(
      `subscription Track($id: ID!) { orderUpdated(id: $id) { status items { product { title inventory { available } } } } }`,
      { id: "o-1" },
    );
    expect(result.fieldName).toBe("orderUpdated");
    expect(result.field.subgraph).toBe("order");
    expect(result.upstream).toEqual({
      query: "subscription($id: ID!) { orderUpdated(id: $id) { __typename id updatedAt } }",
      variables: { id: "o-1" },
      resume: undefined,
    });
    expect(squash(result.refetch.query)).toBe(
      "query TrackEvent($entityKey: ID!) { orderUpdated: order(id: $entityKey) { status items { product { title inventory { available } } } } }",
    );
    expect(result.refetch).toMatchObject({ keyVariable: "entityKey", variables: {} });
  });

  it("keeps the alias, the fragments and the variables the selection uses, and nothing else", () => {
    const query = `
      fragment Line on OrderItem { quantity product { ...Title } }
      fragment Title on Product { title }
      fragment Unused on Order { id }
      subscription($entityKey: ID!, $after: String) {
        live: orderUpdated(id: $entityKey) { user { orders(first: 1, after: $after) { totalCount } } items { ...Line } }
      }`;
    const result = plan(query, { entityKey: "o-2", after: "c1", ignored: true });
    expect(result.responseKey).toBe("live");
    expect(result.upstream.variables).toEqual({ entityKey: "o-2" });
    expect(result.refetch.keyVariable).toBe("entityKey_");
    expect(result.refetch.variables).toEqual({ after: "c1" });
    const refetch = squash(result.refetch.query);
    expect(refetch).toMatch(/^query\(\$entityKey_: ID!, \$after: String\) \{ live: order\(id: \$entityKey_\) \{/);
    expect(refetch).toContain("fragment Line on OrderItem");
    expect(refetch).toContain("fragment Title on Product");
    expect(refetch).not.toContain("Unused");
  });

  it("plans a field the client calls without arguments", () => {
    const result = plan(`subscription { myOrderUpdates { id status } }`);
    expect(result.upstream.query).toBe(
      "subscription($resumeAfter: DateTime) { myOrderUpdates(since: $resumeAfter) { __typename id updatedAt } }",
    );
    expect(squash(result.refetch.query)).toBe("query($entityKey: ID!) { myOrderUpdates: order(id: $entityKey) { id status } }");
  });

  it("refuses a field the gateway does not serve, and a root selected through a fragment", () => {
    expect(() => plan(`subscription { somethingElse { id } }`)).toThrow(/does not serve the subscription field "somethingElse"/);
    expect(() => plan(`subscription { ... on Subscription { myOrderUpdates { id } } }`)).toThrow(/exactly one subscription field/);
  });

  it("lets myOrderUpdates resume upstream after a break, unless the client passes `since` itself", () => {
    const owned = plan(`subscription { myOrderUpdates { status } }`);
    expect(owned.upstream.query).toBe(
      "subscription($resumeAfter: DateTime) { myOrderUpdates(since: $resumeAfter) { __typename id updatedAt } }",
    );
    expect(owned.upstream.resume).toEqual({ variable: "resumeAfter", versionField: "updatedAt" });
    const clients = plan(`subscription($s: DateTime) { myOrderUpdates(since: $s) { status } }`, { s: "2026-11-21T10:00:00.000Z" });
    expect(clients.upstream.query).toBe("subscription($s: DateTime) { myOrderUpdates(since: $s) { __typename id updatedAt } }");
    expect(clients.upstream.resume).toBeUndefined();
  });
});

describe("planSubscription of a field keyed by a path", () => {
  it("selects the key path and the version upstream, and refetches by the key", () => {
    const result = plan(`subscription($ids: [ID!]!) { stockChanged(productIds: $ids) { available product { title } } }`, {
      ids: ["p-1"],
    });
    expect(result.field.subgraph).toBe("inventory");
    expect(result.upstream.query).toBe("subscription($ids: [ID!]!) { stockChanged(productIds: $ids) { __typename product { id } asOf } }");
    expect(squash(result.refetch.query)).toBe(
      "query($entityKey: ID!) { stockChanged: inventory(productId: $entityKey) { available product { title } } }",
    );
  });
});
