import type { Logger } from "pino";
import { flushTraces } from "./tracing";

/** Time `stop` has, beyond the grace its HTTP server gives requests, to close pools, quit clients and send spans. */
const CLOSING_MS = 10_000;

/**
 * Runs `stop` once on SIGINT/SIGTERM, then exits. `stop` drains: the service turns unready, takes no new connection,
 * lets in-flight requests (checkouts included) finish for up to `graceMs` (SHUTDOWN_GRACE_MS, http.ts), cuts the
 * rest, then closes its pools; buffered spans are sent last. Should `stop` itself hang, the process exits with 1
 * after `graceMs` + 10 s.
 */
export function stopOnSignal(log: Logger, stop: () => Promise<void>, graceMs: number): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      log.error({ graceMs }, "shutdown did not finish in time: exiting");
      process.exit(1);
    }, graceMs + CLOSING_MS);
    force.unref();
    stop().then(
      // Spans still buffered go out before the process ends (a no-op when none are exported).
      () => flushTraces().then(() => process.exit(0)),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
}
