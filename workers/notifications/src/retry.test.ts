import { describe, expect, it } from "vitest";
import { backoffDelay } from "./retry";

describe("backoffDelay", () => {
  it("doubles from the base up to the cap", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, 100, 1000, middle))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("spreads retries by ±20% so workers that failed together do not retry together", () => {
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(320);
    expect(backoffDelay(3, 100, 10_000, () => 0.999_999)).toBe(480);
  });
});
