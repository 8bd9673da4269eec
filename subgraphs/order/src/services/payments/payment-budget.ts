import type { PaymentSettings } from "../../settings";

/** The retry backoff of provider calls (resilient-provider.ts): the first delay, and the cap of any one delay. */
export const INITIAL_BACKOFF_MS = 100;
export const MAX_BACKOFF_MS = 1000;

/**
 * How far below the recovery threshold the longest live charge must end: recovery takes over checkouts that have not
 * moved for CHECKOUT_RECOVERY_AFTER_MS, so a live charge must be long over by then, with room for a slow machine.
 */
const RECOVERY_MARGIN_FACTOR = 2;

/** The longest a live charge can take: every attempt running into its timeout, each retry after the longest backoff. */
export function paymentBudgetMs(payments: Pick<PaymentSettings, "timeoutMs" | "maxAttempts">): number {
  return payments.timeoutMs * payments.maxAttempts + (payments.maxAttempts - 1) * MAX_BACKOFF_MS;
}

/**
 * Null when the payment budget is well below the recovery threshold (at most 1/RECOVERY_MARGIN_FACTOR of it), else
 * the problem as one line of a config error naming the variables. Otherwise recovery could find a checkout whose
 * charge is still running, see no charge yet and cancel the order, and the charge would land on a cancelled order.
 */
export function paymentBudgetProblem(payments: Pick<PaymentSettings, "timeoutMs" | "maxAttempts">, recoveryAfterMs: number): string | null {
  const budget = paymentBudgetMs(payments);
  if (budget * RECOVERY_MARGIN_FACTOR <= recoveryAfterMs) return null;
  return (
    `CHECKOUT_RECOVERY_AFTER_MS: ${recoveryAfterMs} ms must be at least ${RECOVERY_MARGIN_FACTOR} × the longest live charge, ` +
    `PAYMENT_TIMEOUT_MS × PAYMENT_MAX_ATTEMPTS plus the retry backoff (${payments.timeoutMs} × ${payments.maxAttempts} + ` +
    `${payments.maxAttempts - 1} × ${MAX_BACKOFF_MS} = ${budget} ms), so recovery never takes over a charge still running: ` +
    `raise CHECKOUT_RECOVERY_AFTER_MS to ${budget * RECOVERY_MARGIN_FACTOR} or more, or lower PAYMENT_TIMEOUT_MS or PAYMENT_MAX_ATTEMPTS`
  );
}
