import { describe, expect, it } from "vitest";
import { OpenCounts } from "./open-counts";

describe("OpenCounts", () => {
  it("hands out at most `max` slots per key, each key counted on its own", () => {
    const counts = new OpenCounts(2);
    expect(counts.acquire("a")).toBeTypeOf("function");
    expect(counts.acquire("a")).toBeTypeOf("function");
    expect(counts.acquire("a")).toBeNull();
    expect(counts.acquire("b")).toBeTypeOf("function");
  });

  it("frees a slot once, however often its release is called", () => {
    const counts = new OpenCounts(2);
    const first = counts.acquire("a")!;
    counts.acquire("a");
    first();
    first();
    expect(counts.acquire("a")).not.toBeNull();
    expect(counts.acquire("a")).toBeNull();
  });
});
