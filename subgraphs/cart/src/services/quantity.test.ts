import { describe, expect, it } from "vitest";
import { MAX_LINE_QUANTITY, parseQuantity } from "./quantity";

const badQuantity = expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "quantity" }) });

describe("parseQuantity", () => {
  it("accepts whole numbers from the minimum to 99", () => {
    expect(parseQuantity(1, 1)).toBe(1);
    expect(parseQuantity(MAX_LINE_QUANTITY, 1)).toBe(99);
    expect(parseQuantity(0, 0)).toBe(0);
  });

  it.each([
    [0, 1],
    [-1, 0],
    [100, 1],
    [100, 0],
    [1.5, 1],
    [Number.NaN, 1],
  ] as const)("refuses %d (minimum %d) naming the field", (value, min) => {
    expect(() => parseQuantity(value, min)).toThrow(badQuantity);
  });
});
