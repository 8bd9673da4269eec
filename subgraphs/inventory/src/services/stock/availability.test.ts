import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { assertCoversReserved, availableUnits, inventoryOf, MAX_ON_HAND, NEVER_STOCKED, parseOnHand } from "./availability";
import { availableKey } from "./counter-keys";

function errorOf(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("expected a GraphQLError");
}

describe("availability", () => {
  it("keeps onHand = available + reserved", () => {
    const asOf = new Date("2026-12-01T10:00:00.000Z");
    expect(inventoryOf("p-1", { onHand: 10, reserved: 3 }, asOf)).toEqual({
      productId: "p-1",
      onHand: 10,
      reserved: 3,
      available: 7,
      inStock: true,
      asOf,
    });
    expect(availableUnits({ onHand: 4, reserved: 4 })).toBe(0);
  });

  it("is out of stock when nothing is available, including a product never stocked", () => {
    expect(inventoryOf("p-1", { onHand: 5, reserved: 5 }).inStock).toBe(false);
    expect(inventoryOf("p-1", NEVER_STOCKED)).toMatchObject({ onHand: 0, reserved: 0, available: 0, inStock: false });
  });

  it.each([0, 1, 250, MAX_ON_HAND])("accepts onHand %d", (value) => {
    expect(parseOnHand(value)).toBe(value);
  });

  it.each([-1, MAX_ON_HAND + 1, 1.5, Number.NaN])("refuses onHand %d naming the field", (value) => {
    expect(errorOf(() => parseOnHand(value)).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "onHand" });
  });

  it("refuses an onHand below the reserved units and says how many are reserved", () => {
    expect(() => assertCoversReserved(7, 7)).not.toThrow();
    const error = errorOf(() => assertCoversReserved(6, 7));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "onHand" });
    expect(error.message).toContain("7 units are reserved");
  });
});

describe("counter keys", () => {
  it("hash-tags every counter with {stock} so one script can reserve any mix of products in one Cluster slot", () => {
    const id = "6f1c2f7e-0000-4000-8000-000000000001";
    expect(availableKey(id)).toBe(`inventory:{stock}:available:${id}`);
  });
});
