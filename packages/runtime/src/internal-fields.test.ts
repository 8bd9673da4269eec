import { parse, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { guardInternalFields, inaccessibleRootFields } from "./internal-fields";
import type { BaseContext } from "./subgraph";

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])
  type Thing @key(fields: "id") { id: ID! secret: String @inaccessible }
  type Query { thing(id: ID!): Thing  things(ids: [ID!]!): [Thing]! @inaccessible }
  type Mutation { touch(id: ID!): Boolean! @federation__inaccessible  rename(id: ID!): Boolean! }
`);

const log = createLogger("test", "silent");
const as = (caller: string): BaseContext => ({ caller, viewer: null, guestCartId: null, log, cacheTags: new Set(), clientIp: null });
const info = {} as GraphQLResolveInfo;
const resolvers = {
  Query: { thing: () => "public", things: () => "internal" },
  Mutation: { touch: () => true, rename: () => true },
  Thing: { secret: () => "not a root field" },
};
const forbidden = expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) });

describe("inaccessibleRootFields", () => {
  it("lists the @inaccessible fields of the root types only", () => {
    expect(inaccessibleRootFields(typeDefs)).toEqual(["things", "touch"]);
  });
});

describe("guardInternalFields", () => {
  const guarded = guardInternalFields(typeDefs, resolvers, { things: ["cart"], touch: ["cart", "order"] });
  const call = (type: "Query" | "Mutation", field: string, caller: string) =>
    (guarded[type] as Record<string, (...args: unknown[]) => unknown>)[field]!(null, {}, as(caller), info);

  it("lets the declared services through and refuses the gateway and everyone else", () => {
    expect(call("Query", "things", "cart")).toBe("internal");
    expect(() => call("Query", "things", "gateway")).toThrow(forbidden);
    expect(() => call("Query", "things", "order")).toThrow(forbidden);
    expect(call("Mutation", "touch", "order")).toBe(true);
    expect(() => call("Mutation", "touch", "inventory")).toThrow(forbidden);
  });

  it("leaves every other resolver as it was", () => {
    expect(guarded.Query!).toHaveProperty("thing", resolvers.Query.thing);
    expect(guarded.Mutation!).toHaveProperty("rename", resolvers.Mutation.rename);
    expect(guarded.Thing).toBe(resolvers.Thing);
  });

  it("refuses a declaration that misses an @inaccessible field, names a public one or allows nobody", () => {
    expect(() => guardInternalFields(typeDefs, resolvers, { things: ["cart"] })).toThrow(/without a declaration of their callers: touch/);
    expect(() => guardInternalFields(typeDefs, resolvers, { things: ["cart"], touch: ["cart"], rename: ["cart"] })).toThrow(
      /not @inaccessible root fields in the SDL: rename/,
    );
    expect(() => guardInternalFields(typeDefs, resolvers, { things: [], touch: ["cart"] })).toThrow(
      /no service allowed to call them: things/,
    );
  });

  it("refuses an internal field without a resolver", () => {
    const { things: _, ...queryWithoutThings } = resolvers.Query;
    expect(() => guardInternalFields(typeDefs, { ...resolvers, Query: queryWithoutThings }, { things: ["cart"], touch: ["cart"] })).toThrow(
      /without a resolver: things/,
    );
  });
});
