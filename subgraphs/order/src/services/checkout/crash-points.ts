/**
 * Fault injection for the crash-window tests: `SHOP_CRASH_AT=<point>` kills this process with SIGKILL at that
 * point of the saga, exactly like a machine failure (no cleanup, no finally). Never set in production.
 *
 * - `after-reserve`: stock held, no order row yet (step STARTED);
 * - `after-order`: the order row written, nothing charged (step ORDERED);
 * - `after-charge`: the provider charged, the charge not recorded (step ORDERED);
 * - `after-charge-recorded`: the charge recorded (step CHARGED), the stock not committed.
 */
export type CrashPoint = "after-reserve" | "after-order" | "after-charge" | "after-charge-recorded";

export function crashPoint(point: CrashPoint): void {
  if (process.env.SHOP_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
