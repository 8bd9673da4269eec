/**
 * Waits for `promise` at most `ms`, never rejecting: a subgraph starts even while a dependency of one feature is slow
 * (its live-update hub waiting for Redis delays live updates, not the whole subgraph).
 */
export function waitBriefly(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => (clearTimeout(timer), resolve());
    promise.then(done, done);
  });
}
