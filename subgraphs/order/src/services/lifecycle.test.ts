import { describe, expect, it } from "vitest";
import { canTransition, sourcesOf, TRANSITIONS } from "./lifecycle";

describe("order lifecycle", () => {
  it("moves forward one step at a time", () => {
    expect(canTransition("PENDING_PAYMENT", "PAID")).toBe(true);
    expect(canTransition("PAID", "PACKED")).toBe(true);
    expect(canTransition("PACKED", "SHIPPED")).toBe(true);
    expect(canTransition("SHIPPED", "DELIVERED")).toBe(true);
    expect(canTransition("PENDING_PAYMENT", "SHIPPED")).toBe(false);
    expect(canTransition("PAID", "PENDING_PAYMENT")).toBe(false);
  });

  it("cancels only before shipping, and ends in terminal states", () => {
    expect(sourcesOf("CANCELLED").sort()).toEqual(["PACKED", "PAID", "PENDING_PAYMENT"]);
    expect(TRANSITIONS.DELIVERED).toEqual([]);
    expect(TRANSITIONS.CANCELLED).toEqual([]);
    expect(canTransition("SHIPPED", "CANCELLED")).toBe(false);
  });
});
