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
import { inSpan, SpanKind, type Logger } from "@shop/runtime";
import type { PaymentSettings } from "../../settings";
import { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from "./payment-budget";
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
 * Only provider-side failures count: PaymentUnavailableError (the provider reports an outage: a 5xx, a connection it
 * cannot take) and attempts it did not answer in time. Whatever a customer can cause never does, so no customer can
 * open the circuit for everyone: a decline is a result (neither retried nor held against the breaker); a refused
 * request (a token the provider does not know, an order id charged before with other parameters) or any other error
 * fails at once, uncounted; and a call its caller gives up on (`options.signal`) is cancelled, not a timeout.
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
  const outage = handleType(PaymentUnavailableError);
  const breaker = circuitBreaker(outage, {
    halfOpenAfter: settings.breakerCooldownMs,
    breaker: new ConsecutiveBreaker(settings.breakerThreshold),
  });
  // cockatiel counts retries, not attempts; BrokenCircuitError is not an outage error, so an open circuit ends the
  // retries at once instead of waiting out the backoff.
  const retries = retry(outage, {
    maxAttempts: settings.maxAttempts - 1,
    backoff: new ExponentialBackoff({
      initialDelay: backoff.initialBackoffMs ?? INITIAL_BACKOFF_MS,
      maxDelay: backoff.maxBackoffMs ?? MAX_BACKOFF_MS,
    }),
  });
  const policy = wrap(retries, breaker);
  const perAttempt = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
  /**
   * One attempt under the timeout. A failure after the caller's own signal aborted is not the provider's doing
   * (CallerAbortedError: neither counted nor retried); the timeout's TaskCancelledError otherwise means the provider
   * did not answer in time (an outage: PaymentUnavailableError, counted and retried).
   */
  const attempt = async <T>(call: (signal: AbortSignal) => Promise<T>, caller: AbortSignal, what: string): Promise<T> => {
    try {
      return await perAttempt.execute(({ signal }) => call(signal), caller);
    } catch (error) {
      // Whatever the provider made of the abort (it may report it as an outage), the caller ended the call.
      if (caller.aborted) throw new CallerAbortedError(what, { cause: error });
      if (!(error instanceof TaskCancelledError)) throw error;
      throw new PaymentUnavailableError(`payment provider did not answer ${what} within ${settings.timeoutMs} ms`, { cause: error });
    }
  };

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

  /** One call with its retries, in a span of its own (trace: "payment charge", with the order's id). */
  const run = <T>(what: string, orderId: string, call: (signal: AbortSignal) => Promise<T>, options: ProviderCallOptions = {}) =>
    inSpan(
      `payment ${what}`,
      { kind: SpanKind.CLIENT, attributes: { "order.id": orderId, "payment.provider": provider.name } },
      async () => {
        try {
          // A signal per call: without one, cockatiel hangs every concurrent call's listeners on one shared signal.
          return await policy.execute(
            ({ signal }) => attempt(call, signal, `${provider.name} ${what}`),
            options.signal ?? new AbortController().signal,
          );
        } catch (error) {
          throw toUnavailable(error);
        }
      },
    );

  return {
    name: provider.name,
    acceptsToken: (token) => provider.acceptsToken(token),
    charge: (request, options) => run("charge", request.orderId, (signal) => provider.charge(request, { signal }), options),
    refund: (orderId, options) => run("refund", orderId, (signal) => provider.refund(orderId, { signal }), options),
    findCharge: (orderId, options) => run("findCharge", orderId, (signal) => provider.findCharge(orderId, { signal }), options),
    state: () => state,
  };
}

/** The caller aborted an attempt: says nothing about the provider, so the breaker does not count it. */
class CallerAbortedError extends Error {
  constructor(what: string, options?: ErrorOptions) {
    super(`${what} aborted by its caller`, options);
    this.name = "CallerAbortedError";
  }
}

/** Gives callers one error type for "the outcome is unknown"; other errors (refusals, bugs) pass unchanged. */
function toUnavailable(error: unknown): unknown {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    return new PaymentUnavailableError(CIRCUIT_OPEN_MESSAGE, { cause: error });
  }
  // Aborted mid-call, the charge may or may not have landed: the same unknown outcome as an outage, for the caller.
  if (error instanceof CallerAbortedError) return new PaymentUnavailableError(error.message, { cause: error });
  return error;
}
