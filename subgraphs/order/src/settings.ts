import { z } from "zod";
import { parseEnv, type EnvSource } from "@shop/runtime";
import { paymentBudgetProblem } from "./services/payments/payment-budget";
import { PAYMENT_PROVIDERS, type PaymentProviderName } from "./services/payments/provider-choice";

/** Deployment checks (tests of docker-compose.yml and deploy/k8s) ask the same question the subgraph asks at start. */
export { choosePaymentProvider } from "./services/payments/provider-choice";

const positiveInt = z.coerce.number().int().positive();

/** The variables only the order subgraph reads, with their defaults (README "Environment"; keep the two in step). */
export const orderEnvSchema = z.object({
  // Inventory refuses a hold longer than a day, so a longer one here would fail every checkout rather than start.
  RESERVATION_TTL_SECONDS: positiveInt.max(86_400).default(900),
  // No default: production must name its provider (provider-choice.ts); elsewhere unset means "simulated".
  PAYMENT_PROVIDER: z
    .enum(PAYMENT_PROVIDERS, { message: `must be one of: ${PAYMENT_PROVIDERS.join(", ")} (the payment adapters this build has)` })
    .optional(),
  PAYMENT_TIMEOUT_MS: positiveInt.default(2000),
  PAYMENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  PAYMENT_BREAKER_THRESHOLD: positiveInt.default(5),
  PAYMENT_BREAKER_COOLDOWN_MS: positiveInt.default(10_000),
  CHECKOUT_RECOVERY_AFTER_MS: positiveInt.default(30_000),
  CHECKOUT_RECOVERY_INTERVAL_MS: positiveInt.default(10_000),
  CHECKOUT_CHARGE_LEASE_MS: positiveInt.min(300).default(5000),
  CHECKOUT_COMMIT_MAX_ATTEMPTS: positiveInt.max(1000).default(10),
  OUTBOX_POLL_INTERVAL_MS: positiveInt.default(1000),
  // A day: a gateway resuming after a break passes the last change it saw, which may be hours old on a quiet account.
  SUBSCRIPTION_SINCE_MAX_AGE_SECONDS: positiveInt.default(86_400),
});

/** How payment provider calls are guarded (services/payments/resilient-provider.ts). */
export interface PaymentSettings {
  /** Per attempt. */
  timeoutMs: number;
  /** In total, first attempt included; only outages are retried. */
  maxAttempts: number;
  /** Consecutive failed attempts that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before it tries one call again. */
  breakerCooldownMs: number;
}

export interface CheckoutSettings {
  chargeLeaseMs: number;
  commitMaxAttempts: number;
}

export interface OrderSettings {
  /** PAYMENT_PROVIDER as set; unset is allowed outside production only (choosePaymentProvider). */
  paymentProvider?: PaymentProviderName;
  /** The hold checkout asks the inventory for when it reserves stock; the inventory sweeper releases it after. */
  reservationTtlSeconds: number;
  payments: PaymentSettings;
  /**
   * Recovery of checkouts and cancellations: one that has not moved for `staleAfterMs` is abandoned; looked for every
   * `intervalMs`.
   */
  recovery: { staleAfterMs: number; intervalMs: number };
  /**
   * The live charge's lease (renewed every third of `chargeLeaseMs` while the provider call runs; recovery leaves a
   * leased checkout alone), and how many failed commits of a charged checkout end in a refund and a cancel.
   */
  checkout: CheckoutSettings;
  /** Outbox relay polling, besides its LISTEN/NOTIFY wake-ups. */
  outboxPollIntervalMs: number;
  /** How far back `myOrderUpdates(since)` may reach. */
  sinceMaxAgeSeconds: number;
}

/** Reads and validates the order subgraph's own settings; throws one error naming every bad variable. */
export function loadOrderSettings(source: EnvSource = process.env): OrderSettings {
  const env = parseEnv(orderEnvSchema, source, "order subgraph");
  const settings: OrderSettings = {
    ...(env.PAYMENT_PROVIDER && { paymentProvider: env.PAYMENT_PROVIDER }),
    reservationTtlSeconds: env.RESERVATION_TTL_SECONDS,
    payments: {
      timeoutMs: env.PAYMENT_TIMEOUT_MS,
      maxAttempts: env.PAYMENT_MAX_ATTEMPTS,
      breakerThreshold: env.PAYMENT_BREAKER_THRESHOLD,
      breakerCooldownMs: env.PAYMENT_BREAKER_COOLDOWN_MS,
    },
    recovery: { staleAfterMs: env.CHECKOUT_RECOVERY_AFTER_MS, intervalMs: env.CHECKOUT_RECOVERY_INTERVAL_MS },
    checkout: { chargeLeaseMs: env.CHECKOUT_CHARGE_LEASE_MS, commitMaxAttempts: env.CHECKOUT_COMMIT_MAX_ATTEMPTS },
    outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
    sinceMaxAgeSeconds: env.SUBSCRIPTION_SINCE_MAX_AGE_SECONDS,
  };
  // Each variable may be fine alone and the combination still unsafe: recovery would take over live charges.
  const problem = paymentBudgetProblem(settings.payments, settings.recovery.staleAfterMs);
  if (problem) throw new Error(`Invalid environment (order subgraph):\n  ${problem}`);
  return settings;
}
