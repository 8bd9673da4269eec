import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KeyedThrottle } from "./throttle";

describe("KeyedThrottle", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** A throttle of 250 ms recording when each key fired, in fake milliseconds since the test began. */
  function recorded() {
    const start = Date.now();
    const fires: [string, number][] = [];
    const throttle = new KeyedThrottle(250, (key) => fires.push([key, Date.now() - start]), {
      set: (callback, ms) => setTimeout(callback, ms),
      clear: (timer) => clearTimeout(timer as NodeJS.Timeout),
    });
    return { throttle, fires };
  }

  it("fires a quiet key's first change at once, and nothing more when no other change follows", () => {
    const { throttle, fires } = recorded();
    throttle.changed("p");
    expect(fires).toEqual([["p", 0]]);
    vi.advanceTimersByTime(1000);
    expect(fires).toEqual([["p", 0]]);
    expect(throttle.size).toBe(0);
  });

  it("turns 200 changes in a second into one fire per interval, the last after the last change", () => {
    const { throttle, fires } = recorded();
    for (let i = 0; i < 200; i += 1) {
      throttle.changed("p");
      vi.advanceTimersByTime(5);
    }
    // The burst ended at 995 ms: the interval running then (750–1000 ms) ends with a fire.
    vi.advanceTimersByTime(2000);
    expect(fires.map(([, at]) => at)).toEqual([0, 250, 500, 750, 1000]);
    expect(fires.at(-1)![1]).toBeGreaterThanOrEqual(995);
    expect(throttle.size).toBe(0);
  });

  it("keeps keys apart: a busy key never delays a quiet one", () => {
    const { throttle, fires } = recorded();
    throttle.changed("busy");
    vi.advanceTimersByTime(100);
    throttle.changed("busy");
    throttle.changed("quiet");
    vi.advanceTimersByTime(500);
    expect(fires).toEqual([
      ["busy", 0],
      ["quiet", 100],
      ["busy", 250],
    ]);
  });

  it("drops pending fires on close", () => {
    const { throttle, fires } = recorded();
    throttle.changed("p");
    throttle.changed("p");
    throttle.close();
    vi.advanceTimersByTime(1000);
    expect(fires).toEqual([["p", 0]]);
  });
});
