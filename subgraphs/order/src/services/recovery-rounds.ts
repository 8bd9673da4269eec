import type { Logger } from "@shop/runtime";

/** One kind of work the recovery job finishes for processes that died: checkouts, cancellations. */
export interface RecoveryRound {
  name: string;
  run(): Promise<unknown>;
}

/**
 * The order subgraph's recovery job: every `intervalMs` it runs each round in turn (one job at a time, never two
 * rounds at once), so checkouts and cancellations left behind by a dead process are picked up the same way.
 * A failed round is logged and runs again at the next interval.
 */
export function startRecovery(rounds: readonly RecoveryRound[], options: { intervalMs: number }, log: Logger) {
  let running: Promise<unknown> = Promise.resolve();
  const runAll = async () => {
    for (const round of rounds) {
      await round.run().catch((error: unknown) => log.error({ err: error, round: round.name }, "recovery round failed"));
    }
  };
  const timer = setInterval(() => {
    running = running.then(runAll);
  }, options.intervalMs);
  timer.unref();
  return {
    /** Every round once now, after any running one (tests and operators). */
    runOnce: (): Promise<void> => {
      const once = running.then(runAll);
      running = once;
      return once;
    },
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
