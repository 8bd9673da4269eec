import type { Logger } from "pino";
import { flushTraces } from "./tracing";

/** Runs `stop` once on SIGINT/SIGTERM, then exits: in-flight requests finish, pools close, buffered spans are sent. */
export function stopOnSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
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
