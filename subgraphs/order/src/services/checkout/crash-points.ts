/**
 * Fault injection for the crash-window tests: `SHOP_CRASH_AT=<point>` kills this process with SIGKILL at that
 * point of a saga, exactly like a machine failure (no cleanup, no finally). Never set in production.
 *
 * Checkout (`checkout/saga.ts`):
 * - `after-reserve`: stock held, no order row yet (step STARTED);
 * - `after-order`: the order row written, nothing charged (step ORDERED);
 * - `after-charge`: the provider charged, the charge not recorded (step ORDERED);
 * - `after-charge-recorded`: the charge recorded (step CHARGED), the stock not committed.
 *
 * Cancellation (`cancel/saga.ts`):
 * - `cancel-after-intent`: the intent recorded, nothing undone (step REQUESTED);
 * - `cancel-after-refund`: the provider refunded, the refund not recorded (step REQUESTED);
 * - `cancel-after-refund-recorded`: the refund recorded (step REFUNDED), the stock not returned;
 * - `cancel-after-restock`: the stock returned, not recorded (step REFUNDED);
 * - `cancel-after-restock-recorded`: the return recorded (step RESTOCKED), the order not CANCELLED yet.
 */
export type CrashPoint =
  | "after-reserve"
  | "after-order"
  | "after-charge"
  | "after-charge-recorded"
  | "cancel-after-intent"
  | "cancel-after-refund"
  | "cancel-after-refund-recorded"
  | "cancel-after-restock"
  | "cancel-after-restock-recorded";

export function crashPoint(point: CrashPoint): void {
  if (process.env.SHOP_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
