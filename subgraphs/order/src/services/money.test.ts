import { describe, expect, it } from "vitest";
import { AmountOverflowError, MAX_AMOUNT, lineTotal, money, orderTotal } from "./money";

describe("lineTotal", () => {
  it("multiplies unit price by quantity in minor units", () => {
    expect(lineTotal({ unitPriceAmount: 1999, quantity: 3 })).toBe(5997);
    expect(lineTotal({ unitPriceAmount: 0, quantity: 2 })).toBe(0);
  });

  it.each([
    [{ unitPriceAmount: -1, quantity: 1 }, /Unit price -1/],
    [{ unitPriceAmount: 10.5, quantity: 1 }, /Unit price 10.5/],
    [{ unitPriceAmount: 100, quantity: 0 }, /Quantity 0/],
    [{ unitPriceAmount: 100, quantity: 1.5 }, /Quantity 1.5/],
  ])("refuses %j", (line, message) => {
    expect(() => lineTotal(line)).toThrow(message);
  });

  it("refuses a line beyond the largest storable amount, and beyond Number.MAX_SAFE_INTEGER", () => {
    expect(lineTotal({ unitPriceAmount: MAX_AMOUNT, quantity: 1 })).toBe(MAX_AMOUNT);
    expect(() => lineTotal({ unitPriceAmount: MAX_AMOUNT, quantity: 2 })).toThrow(AmountOverflowError);
    expect(() => lineTotal({ unitPriceAmount: Number.MAX_SAFE_INTEGER, quantity: 3 })).toThrow(AmountOverflowError);
  });
});

describe("orderTotal", () => {
  it("sums line totals, zero without lines", () => {
    expect(
      orderTotal([
        { unitPriceAmount: 1999, quantity: 2 },
        { unitPriceAmount: 500, quantity: 1 },
      ]),
    ).toBe(4498);
    expect(orderTotal([])).toBe(0);
  });

  it("refuses a sum that overflows even when every line fits", () => {
    const half = { unitPriceAmount: Math.ceil(MAX_AMOUNT / 2), quantity: 1 };
    expect(() => orderTotal([half, half])).toThrow(/Order total \d+ exceeds 2147483647/);
  });
});

describe("money", () => {
  it("pairs an amount with its currency", () => {
    expect(money(1250, "EUR")).toEqual({ amount: 1250, currency: "EUR" });
  });
});
