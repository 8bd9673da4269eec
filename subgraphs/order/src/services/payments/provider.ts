/** What the checkout asks a payment provider to charge; `orderId` is the idempotency key of the charge. */
export interface ChargeRequest {
  orderId: string;
  /** Minor units (cents). */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
  /** The client's payment method token (e.g. `pm_card_visa`). */
  token: string;
}

/** A decline is an answer, not a fault: it is never retried and never counts against the circuit breaker. */
export type ChargeResult = { status: "SUCCEEDED"; chargeId: string } | { status: "DECLINED"; chargeId: string; reason: string };

/**
 * Per-call options. Providers should stop work when `signal` aborts (the resilience layer aborts a timed-out
 * attempt); one that ignores it is still correct, because every method is idempotent per order id.
 */
export interface ProviderCallOptions {
  signal?: AbortSignal;
}

/** The seam a real provider (Stripe-like) plugs in behind; the built-in one is the simulated provider. */
export interface PaymentProvider {
  readonly name: string;
  /** Is this a token the provider can charge? (unknown → the checkout answers BAD_USER_INPUT on paymentToken) */
  acceptsToken(token: string): boolean;
  /** Idempotent per orderId: a repeat returns the first result and never charges twice. Throws PaymentUnavailableError on outage. */
  charge(request: ChargeRequest, options?: ProviderCallOptions): Promise<ChargeResult>;
  /** Idempotent refund of the order's successful charge; no-op when there is none or it is refunded. */
  refund(orderId: string, options?: ProviderCallOptions): Promise<void>;
  /** The charge made for this order, if any (recovery after a crash asks this). */
  findCharge(orderId: string, options?: ProviderCallOptions): Promise<ChargeResult | null>;
}

/** The provider cannot be reached or did not answer in time; the outcome of the call is unknown. */
export class PaymentUnavailableError extends Error {
  constructor(message = "payment provider unavailable", options?: ErrorOptions) {
    super(message, options);
    this.name = "PaymentUnavailableError";
  }
}
