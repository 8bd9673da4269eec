import { describe, expect, it } from "vitest";
import { encodeCursor, parsePageArgs, toConnection } from "./pagination";

const badUserInput = (field: string, message: string) =>
  expect.objectContaining({ message: `${field}: ${message}`, extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field }) });

describe("cursors", () => {
  it.each([
    ["a keyset tuple", ["2026-01-02T03:04:05.000Z", "11111111-1111-4111-8111-111111111111"]],
    ["an object", { rank: 0.25, id: "p-1" }],
    ["a string with non-ASCII text", "Äpfel & Birnen"],
  ])("decode to the key they were made from: %s", (_, key) => {
    expect(parsePageArgs(10, encodeCursor(key)).after).toEqual(key);
  });

  it("are URL-safe text (they travel in query strings and JSON alike)", () => {
    // Characters that base64 (not base64url) would turn into + and /.
    expect(encodeCursor({ text: "~~~???>>>" })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  // The last one is base64url of `{"unclosed":`: well-formed base64url, but not JSON.
  it.each(["not a cursor!", "%%%", "eyJ1bmNsb3NlZCI6"])("refuses %j as BAD_USER_INPUT on after", (cursor) => {
    expect(() => parsePageArgs(10, cursor)).toThrow(badUserInput("after", "is not a cursor returned by this field"));
  });
});

describe("parsePageArgs", () => {
  it.each([undefined, null])("reads first: %j as the default page of 20", (first) => {
    expect(parsePageArgs(first, undefined)).toEqual({ limit: 20, after: null });
  });

  it.each([null, undefined, ""])("starts at the beginning when after is %j", (after) => {
    expect(parsePageArgs(5, after).after).toBeNull();
  });

  it.each([1, 100])("accepts first: %i (the bounds themselves)", (first) => {
    expect(parsePageArgs(first, null).limit).toBe(first);
  });

  it.each([0, -1, 101, 2.5, Number.NaN])("refuses first: %d as BAD_USER_INPUT on first", (first) => {
    expect(() => parsePageArgs(first, null)).toThrow(badUserInput("first", "must be between 1 and 100"));
  });

  it("takes a field's own maximum", () => {
    expect(parsePageArgs(50, null, 50).limit).toBe(50);
    expect(() => parsePageArgs(51, null, 50)).toThrow(badUserInput("first", "must be between 1 and 50"));
  });

  it("checks first before it decodes after", () => {
    expect(() => parsePageArgs(0, "not a cursor!")).toThrow(badUserInput("first", "must be between 1 and 100"));
  });
});

describe("toConnection", () => {
  const rows = ["a", "b", "c", "d"].map((id, index) => ({ id, position: index }));
  const keyOf = (row: { id: string; position: number }) => [row.position, row.id];

  it("returns `limit` edges and reports a next page when the extra row came back", () => {
    const connection = toConnection(rows, 3, keyOf);

    expect(connection.edges.map((edge) => edge.node.id)).toEqual(["a", "b", "c"]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
  });

  it("reports no next page when fewer than limit + 1 rows came back", () => {
    expect(toConnection(rows, 4, keyOf).pageInfo.hasNextPage).toBe(false);
    expect(toConnection(rows.slice(0, 2), 4, keyOf).pageInfo.hasNextPage).toBe(false);
  });

  it("gives each edge the cursor of its own row, and the page the cursor of its last edge", () => {
    const connection = toConnection(rows, 3, keyOf);

    expect(connection.edges.map((edge) => parsePageArgs(1, edge.cursor).after)).toEqual([
      [0, "a"],
      [1, "b"],
      [2, "c"],
    ]);
    expect(connection.pageInfo.endCursor).toBe(connection.edges[2]!.cursor);
  });

  it("continues where the previous page ended when its endCursor is passed back", () => {
    const first = toConnection(rows, 2, keyOf);
    const [position] = parsePageArgs<[number, string]>(2, first.pageInfo.endCursor).after!;
    const second = toConnection(
      rows.filter((row) => row.position > position),
      2,
      keyOf,
    );

    expect(second.edges.map((edge) => edge.node.id)).toEqual(["c", "d"]);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor([3, "d"]) });
  });

  it("has no end cursor when the page is empty", () => {
    expect(toConnection([], 20, keyOf)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
