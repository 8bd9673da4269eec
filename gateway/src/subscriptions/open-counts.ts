/**
 * How many of something each key holds open at once (subscriptions per account, sockets per address), in this
 * process. `acquire` takes a slot or answers null at `max`; the release it returns frees the slot once, however often
 * it is called, so every path that ends a subscription or a socket may call it.
 */
export class OpenCounts {
  private readonly counts = new Map<string, number>();

  constructor(readonly max: number) {}

  acquire(key: string): (() => void) | null {
    const held = this.counts.get(key) ?? 0;
    if (held >= this.max) return null;
    this.counts.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      // Keys with nothing open are forgotten, so the map holds only who is connected now.
      if (left > 0) this.counts.set(key, left);
      else this.counts.delete(key);
    };
  }
}
