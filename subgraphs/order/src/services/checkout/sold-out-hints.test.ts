import { describe, expect, it } from "vitest";
import { SoldOutHints } from "./sold-out-hints";

describe("SoldOutHints", () => {
  it("hints a noted product until its time runs out or it is forgotten", () => {
    let now = 1_000;
    const hints = new SoldOutHints(500, 10, () => now);
    hints.note(["a"]);
    expect(hints.any(["b"])).toBe(false);
    expect(hints.any(["b", "a"])).toBe(true);
    now += 499;
    expect(hints.any(["a"])).toBe(true);
    now += 1;
    expect(hints.any(["a"])).toBe(false);

    hints.note(["c"]);
    hints.forget(["c"]);
    expect(hints.any(["c"])).toBe(false);
  });

  it("forgets the longest-unrefused products past its capacity", () => {
    const hints = new SoldOutHints(60_000, 2);
    hints.note(["a", "b"]);
    hints.note(["a"]); // refused again: now the newest
    hints.note(["c"]);
    expect([hints.any(["a"]), hints.any(["b"]), hints.any(["c"])]).toEqual([true, false, true]);
  });
});
