import type { Logger } from "@shop/runtime";
import type { StockEngine } from "./stock/engine";

/** After this many reconcile attempts in a row answered BUSY (steady traffic), the reconciler forces a rebuild. */
const FORCE_REBUILD_AFTER_BUSY = 10;

interface Job {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

/**
 * Starts the sweeper and the reconciler. Each job waits its interval after the previous run ends, so runs never
 * overlap; `stop` cancels the timers and waits for a run in progress.
 */
export function startStockJobs(
  engine: StockEngine,
  intervals: { sweepIntervalMs: number; reconcileIntervalMs: number },
  sweepReservations: () => Promise<unknown>,
) {
  let busy = 0;
  const reconcile = async () => {
    const outcome = await engine.resync();
    busy = outcome === "BUSY" ? busy + 1 : 0;
    // A resync answers BUSY whenever a script ran during its reads; under steady traffic that is every time, and
    // drift (a crash between a script and its commit) would never be repaired. Pausing scripts for one resync does.
    if (busy >= FORCE_REBUILD_AFTER_BUSY) {
      busy = 0;
      engine.log.warn({ attempts: FORCE_REBUILD_AFTER_BUSY }, "reconcile kept answering BUSY: forcing a rebuild");
      await engine.rebuild();
    }
  };
  return runJobs(
    [
      { name: "reservation sweeper", intervalMs: intervals.sweepIntervalMs, run: sweepReservations },
      { name: "stock reconciler", intervalMs: intervals.reconcileIntervalMs, run: reconcile },
    ],
    engine.log,
  );
}

function runJobs(jobs: Job[], log: Logger) {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const schedule = (job: Job) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = job
        .run()
        .then(
          () => undefined,
          (error: unknown) => log.error({ err: error, job: job.name }, "background job failed; it runs again next interval"),
        )
        .finally(() => {
          running.delete(run);
          schedule(job);
        });
      running.add(run);
    }, job.intervalMs);
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) schedule(job);
  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
