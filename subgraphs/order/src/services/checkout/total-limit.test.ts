import { describe, expect, it } from "vitest";
import { MAX_AMOUNT } from "../money";
import { checkoutTotal } from "./total-limit";

describe("checkoutTotal", () => {
  it("answers the total of a cart one order can hold, up to the largest amount exactly", () => {
    expect(checkoutTotal([{ unitPriceAmount: 1000, quantity: 3 }], "USD")).toBe(3000);
    expect(checkoutTotal([{ unitPriceAmount: MAX_AMOUNT, quantity: 1 }], "USD")).toBe(MAX_AMOUNT);
  });

  it("refuses 99 units of a product at the highest price with BAD_USER_INPUT saying what to do", () => {
    let refusal: unknown;
    try {
      checkoutTotal([{ unitPriceAmount: 100_000_000, quantity: 99 }], "USD");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "input" },
      message: `input: the cart totals 9900000000 USD minor units, more than one order can hold (${MAX_AMOUNT}): remove some units, or check out in several orders`,
    });
  });

  it("refuses a sum of lines that each fit but together do not", () => {
    const half = { unitPriceAmount: Math.ceil(MAX_AMOUNT / 2), quantity: 1 };
    expect(() => checkoutTotal([half, half], "EUR")).toThrow(/more than one order can hold/);
  });
});
