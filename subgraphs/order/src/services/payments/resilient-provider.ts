import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleType,
  retry,
  timeout,
  wrap,
} from "cockatiel";
import type { Logger } from "@shop/runtime";
import type { PaymentSettings } from "../../settings";
import { PaymentUnavailableError, type PaymentProvider, type ProviderCallOptions } from "./provider";

export type BreakerState = "closed" | "open" | "half-open";

/** A provider behind timeouts, retries and a circuit breaker; `state()` reports the breaker for health and tests. */
export interface ResilientPaymentProvider extends PaymentProvider {
  state(): BreakerState;
}

export interface BackoffOptions {
  /** First retry delay before jitter (default 100 ms). */
  initialBackoffMs?: number;
  /** Upper bound of any retry delay (default 1 s). */
  maxBackoffMs?: number;
}

export const CIRCUIT_OPEN_MESSAGE = "payment provider unavailable (circuit open)";

/**
 * Wraps every call of `provider` in: retry (maxAttempts in total, exponential backoff with decorrelated jitter) →
 * one circuit breaker shared by all calls (opens after breakerThreshold consecutive failed attempts, tries one call
 * again after breakerCooldownMs) → a timeout per attempt (aggressive: the caller stops waiting at once).
 *
 * Only outages count: PaymentUnavailableError and timeouts. A decline is a result, so it is neither retried nor held
 * against the breaker; any other error (a bug, a refused request) fails at once.
 *
 * Retrying a charge whose attempt timed out is safe although that attempt may still land at the provider: charge is
 * idempotent per order id, so the retry returns that same charge instead of charging again.
 */
export function withResilience(
  provider: PaymentProvider,
  settings: PaymentSettings,
  log: Logger,
  backoff: BackoffOptions = {},
): ResilientPaymentProvider {
  const outage = handleType(PaymentUnavailableError).orType(TaskCancelledError);
  const breaker = circuitBreaker(outage, {
    halfOpenAfter: settings.breakerCooldownMs,
    breaker: new ConsecutiveBreaker(settings.breakerThreshold),
  });
  // cockatiel counts retries, not attempts; BrokenCircuitError is not an outage error, so an open circuit ends the
  // retries at once instead of waiting out the backoff.
  const retries = retry(outage, {
    maxAttempts: settings.maxAttempts - 1,
    backoff: new ExponentialBackoff({ initialDelay: backoff.initialBackoffMs ?? 100, maxDelay: backoff.maxBackoffMs ?? 1000 }),
  });
  const policy = wrap(retries, breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));

  retries.onRetry((event) => {
    const reason = "error" in event ? event.error.message : "unexpected result";
    log.warn(
      { provider: provider.name, attempt: event.attempt, delayMs: Math.round(event.delay), reason },
      "payment call failed, retrying",
    );
  });
  // Tracked from the events rather than read from `breaker.state`, which flips to half-open only after the trial
  // call has been handed to the provider.
  let state: BreakerState = "closed";
  breaker.onBreak(() => {
    state = "open";
    log.error({ provider: provider.name, cooldownMs: settings.breakerCooldownMs }, "payment circuit opened");
  });
  breaker.onHalfOpen(() => {
    state = "half-open";
    log.info({ provider: provider.name }, "payment circuit half-open, trying one call");
  });
  breaker.onReset(() => {
    state = "closed";
    log.info({ provider: provider.name }, "payment circuit closed");
  });

  const run = async <T>(what: string, call: (signal: AbortSignal) => Promise<T>, options: ProviderCallOptions = {}) => {
    try {
      // A signal per call: without one, cockatiel hangs every concurrent call's listeners on one shared signal.
      return await policy.execute(({ signal }) => call(signal), options.signal ?? new AbortController().signal);
    } catch (error) {
      throw toUnavailable(error, `${provider.name} ${what}`, settings.timeoutMs);
    }
  };

  return {
    name: provider.name,
    acceptsToken: (token) => provider.acceptsToken(token),
    charge: (request, options) => run("charge", (signal) => provider.charge(request, { signal }), options),
    refund: (orderId, options) => run("refund", (signal) => provider.refund(orderId, { signal }), options),
    findCharge: (orderId, options) => run("findCharge", (signal) => provider.findCharge(orderId, { signal }), options),
    state: () => state,
  };
}

/** Gives callers one error type for "the outcome is unknown, the provider is down"; other errors pass unchanged. */
function toUnavailable(error: unknown, what: string, timeoutMs: number): unknown {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    return new PaymentUnavailableError(CIRCUIT_OPEN_MESSAGE, { cause: error });
  }
  if (error instanceof TaskCancelledError) {
    return new PaymentUnavailableError(`payment provider did not answer ${what} within ${timeoutMs} ms`, { cause: error });
  }
  return error;
}
