import { describe, expect, it } from "vitest";
import { shortagesOf, stateOfRows } from "./reservation-state";

const row = (
  status: Parameters<typeof stateOfRows>[0][number]["status"],
  releaseReason: Parameters<typeof stateOfRows>[0][number]["releaseReason"] = null,
) => ({ status, releaseReason });

describe("stateOfRows", () => {
  it.each([
    [[row("PENDING"), row("PENDING")], "HELD"],
    [[row("ACTIVE")], "HELD"],
    [[row("RELEASED", "REFUSED")], "REFUSED"],
    [[row("RELEASED", "EXPIRED"), row("RELEASED", "EXPIRED")], "RELEASED"],
    [[row("RELEASED", "CANCELLED")], "RELEASED"],
    [[row("COMMITTED")], "COMMITTED"],
    [[row("RETURNED")], "RETURNED"],
    [[row("ACTIVE"), row("RELEASED", "CANCELLED")], "RELEASED"],
  ] as const)("%j → %s", (rows, state) => {
    expect(stateOfRows(rows)).toBe(state);
  });

  it("knows nothing of an order without rows", () => {
    expect(stateOfRows([])).toBeNull();
  });
});

describe("shortagesOf", () => {
  it("lists lines whose counter is below the quantity, never a missing counter, never a negative available", () => {
    const lines = [
      { productId: "a", quantity: 2 },
      { productId: "b", quantity: 1 },
      { productId: "c", quantity: 5 },
      { productId: "d", quantity: 1 },
    ];
    expect(shortagesOf(lines, ["1", null, "5", "-3"])).toEqual([
      { productId: "a", requested: 2, available: 1 },
      { productId: "d", requested: 1, available: 0 },
    ]);
  });
});
