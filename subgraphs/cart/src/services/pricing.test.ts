import { describe, expect, it } from "vitest";
import { EMPTY_CART_CURRENCY, lineTotal, MAX_AMOUNT, requiredPrice, subtotal, unitCount } from "./pricing";

const priced = (amount: number, currency = "USD") => ({ product: { price: { amount, currency } } });

describe("lineTotal", () => {
  it("multiplies the unit price by the quantity in minor units, keeping the currency", () => {
    expect(lineTotal({ amount: 1999, currency: "EUR" }, 3)).toEqual({ amount: 5997, currency: "EUR" });
    expect(lineTotal({ amount: 0, currency: "USD" }, 99)).toEqual({ amount: 0, currency: "USD" });
  });

  it("is a CONFLICT past the largest GraphQL Int, never a wrapped or lossy number", () => {
    expect(lineTotal({ amount: MAX_AMOUNT, currency: "USD" }, 1).amount).toBe(2_147_483_647);
    expect(() => lineTotal({ amount: 30_000_000, currency: "USD" }, 99)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "CONFLICT", field: "lineTotal" }) }),
    );
    expect(() => subtotal([priced(MAX_AMOUNT), priced(1)], [{ quantity: 1 }, { quantity: 1 }])).toThrow(/subtotal: 2147483648 exceeds/);
  });
});

describe("requiredPrice", () => {
  it("returns the gateway's price and refuses a missing one", () => {
    expect(requiredPrice({ amount: 5, currency: "USD" }, "unitPrice")).toEqual({ amount: 5, currency: "USD" });
    expect(() => requiredPrice(undefined, "unitPrice")).toThrow(/unitPrice needs the product's price/);
  });
});

describe("subtotal", () => {
  it("pairs prices with lines by position and sums the line totals", () => {
    expect(subtotal([priced(250), priced(1000)], [{ quantity: 4 }, { quantity: 1 }])).toEqual({ amount: 2000, currency: "USD" });
    expect(subtotal([priced(1000), priced(250)], [{ quantity: 4 }, { quantity: 1 }])).toEqual({ amount: 4250, currency: "USD" });
  });

  it("is zero in the default currency for an empty cart", () => {
    expect(subtotal([], [])).toEqual({ amount: 0, currency: EMPTY_CART_CURRENCY });
    expect(EMPTY_CART_CURRENCY).toBe("USD");
  });

  it("keeps a single non-default currency", () => {
    expect(subtotal([priced(100, "EUR"), priced(5, "EUR")], [{ quantity: 1 }, { quantity: 2 }])).toEqual({ amount: 110, currency: "EUR" });
  });

  it("is a CONFLICT when the cart changed between the gateway's two fetches", () => {
    for (const [prices, lines] of [
      [[priced(1)], [{ quantity: 1 }, { quantity: 1 }]],
      [[priced(1), priced(2)], [{ quantity: 1 }]],
      [[priced(1)], []],
    ] as const) {
      expect(() => subtotal(prices, lines)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: "CONFLICT" }) }));
    }
    expect(() => subtotal([priced(1)], [])).toThrow(/run the query again/);
  });

  it("is a CONFLICT naming the currencies when lines cannot be summed", () => {
    const mixed = () => subtotal([priced(100, "USD"), priced(100, "EUR")], [{ quantity: 1 }, { quantity: 1 }]);
    expect(mixed).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: "CONFLICT", field: "subtotal" }) }));
    expect(mixed).toThrow(/different currencies \(USD, EUR\)/);
  });

  it("refuses to guess when the gateway sent no prices", () => {
    expect(() => subtotal(undefined, [])).toThrow(/@requires/);
    expect(() => subtotal([{ product: null }], [{ quantity: 1 }])).toThrow(/@requires/);
  });
});

describe("unitCount", () => {
  it("adds up quantities", () => {
    expect(unitCount([])).toBe(0);
    expect(unitCount([{ quantity: 2 }, { quantity: 99 }])).toBe(101);
  });
});
