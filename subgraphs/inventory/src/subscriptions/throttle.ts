/** The timer functions a throttle uses (tests pass fake ones through vitest's fake timers). */
interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(timer: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * Coalesces bursts of changes per key: the first change of a quiet key fires at once (leading edge); changes during
 * the next `intervalMs` only mark the key, which fires once when the interval ends (trailing edge) and opens another
 * interval. So a key fires at most once per interval, however many changes arrive, and the last change is always
 * followed by a fire: whoever reads on a fire reads the final state.
 */
export class KeyedThrottle {
  private readonly windows = new Map<string, { dirty: boolean; timer: unknown }>();

  constructor(
    private readonly intervalMs: number,
    private readonly fire: (key: string) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Records a change of `key`. */
  changed(key: string): void {
    const window = this.windows.get(key);
    if (window) {
      window.dirty = true;
      return;
    }
    this.open(key);
    this.fire(key);
  }

  /** Keys inside an interval now (tests, metrics). */
  get size(): number {
    return this.windows.size;
  }

  /** Drops every pending fire. */
  close(): void {
    for (const window of this.windows.values()) this.timers.clear(window.timer);
    this.windows.clear();
  }

  private open(key: string): void {
    const window = { dirty: false, timer: undefined as unknown };
    window.timer = this.timers.set(() => {
      if (this.windows.get(key) !== window) return;
      if (!window.dirty) return void this.windows.delete(key);
      this.open(key);
      this.fire(key);
    }, this.intervalMs);
    this.windows.set(key, window);
  }
}
