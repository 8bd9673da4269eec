/**
 * Fault injection for the crash-window tests: `SHOP_CRASH_AT=<point>` kills this process with SIGKILL at that
 * point of the saga, exactly like a machine failure (no cleanup, no finally). Never set in production.
 */
export type CrashPoint = "after-reserve" | "after-charge";

export function crashPoint(point: CrashPoint): void {
  if (process.env.SHOP_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
