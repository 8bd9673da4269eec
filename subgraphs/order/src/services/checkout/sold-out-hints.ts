/**
 * Products this process recently saw refused for lack of stock. A hint only decides whether checkout asks the
 * inventory's counters before starting a saga (one cheap read that answers a sold-out cart without writing a saga);
 * the answer itself always comes from the counters. A stale hint costs one read; a missing one costs nothing but the
 * slower refusal through the saga, which teaches it.
 */
export class SoldOutHints {
  readonly #until = new Map<string, number>();

  constructor(
    /** How long a refusal keeps a product hinted unless the counters say it is back. */
    private readonly ttlMs = 30_000,
    /** Bound on remembered products; the oldest are forgotten first. */
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers products the counters just refused. */
  note(productIds: Iterable<string>): void {
    const until = this.now() + this.ttlMs;
    for (const id of productIds) {
      this.#until.delete(id);
      this.#until.set(id, until);
    }
    for (const oldest of this.#until.keys()) {
      if (this.#until.size <= this.capacity) break;
      this.#until.delete(oldest);
    }
  }

  /** Forgets products the counters can serve again. */
  forget(productIds: Iterable<string>): void {
    for (const id of productIds) this.#until.delete(id);
  }

  /** Whether any of these products is hinted sold out. */
  any(productIds: Iterable<string>): boolean {
    const now = this.now();
    for (const id of productIds) {
      const until = this.#until.get(id);
      if (until === undefined) continue;
      if (until > now) return true;
      this.#until.delete(id);
    }
    return false;
  }
}
