import { describe, expect, it } from "vitest";
import { encodeCursor } from "@shop/runtime";
import { orderCursorKey, pageKey, parseOrderPage } from "./order-pages";

const position = { createdAt: new Date("2026-03-01T10:00:00.123Z"), id: "0b7e1c9e-3d7f-4b8e-9a51-2f4c8e6d1a00" };

describe("order pages", () => {
  it("round-trips a cursor made from an order", () => {
    const page = parseOrderPage(5, encodeCursor(orderCursorKey(position)));
    expect(page).toEqual({ limit: 5, after: position });
    expect(pageKey(page)).toBe(`5:2026-03-01T10:00:00.123Z:${position.id}`);
  });

  it("defaults to 20 from the start", () => {
    expect(parseOrderPage(undefined, null)).toEqual({ limit: 20, after: null });
  });

  it.each([
    ["garbage that is not base64 JSON", "%%%"],
    ["another connection's cursor", encodeCursor({ slug: "x" })],
    ["a bad timestamp", encodeCursor(["yesterday", position.id])],
    ["a bad id", encodeCursor([position.createdAt.toISOString(), "1; drop table orders"])],
    ["extra parts", encodeCursor([position.createdAt.toISOString(), position.id, 1])],
  ])("refuses %s as after", (_, cursor) => {
    expect(() => parseOrderPage(3, cursor)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "after" }) }),
    );
  });

  it("refuses a page size outside 1..100 as first", () => {
    expect(() => parseOrderPage(0, null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: "first" }) }));
    expect(() => parseOrderPage(101, null)).toThrow(/first/);
  });
});
