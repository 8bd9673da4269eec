/**
 * Which payment adapter the order subgraph runs, from PAYMENT_PROVIDER. "simulated" (services/payments/
 * simulated-provider.ts) is the only adapter today; a real one is added to PAYMENT_PROVIDERS and built in app.ts.
 */
export const PAYMENT_PROVIDERS = ["simulated"] as const;

export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

export interface PaymentProviderChoice {
  name: PaymentProviderName;
  /** Logged at start: set when the choice is allowed but must not go unnoticed (simulated payments in production). */
  warning?: string;
}

/**
 * Production fails closed: a shop that forgot to configure its provider must not take orders that nobody is charged
 * for. So with NODE_ENV=production PAYMENT_PROVIDER must be set; `simulated` is accepted there (staging) with a warning.
 * Elsewhere an unset PAYMENT_PROVIDER means the simulated provider. Throws a message naming the variable.
 */
export function choosePaymentProvider(configured: PaymentProviderName | undefined, production: boolean): PaymentProviderChoice {
  if (!configured && production) {
    throw new Error(
      `NODE_ENV=production needs a payment provider: set PAYMENT_PROVIDER (one of: ${PAYMENT_PROVIDERS.join(", ")}). ` +
        "PAYMENT_PROVIDER=simulated charges nobody and is for staging only.",
    );
  }
  const name = configured ?? "simulated";
  if (production && name === "simulated") {
    return { name, warning: "PAYMENT_PROVIDER=simulated in production: no money moves, every order is paid for free (staging only)" };
  }
  return { name };
}
