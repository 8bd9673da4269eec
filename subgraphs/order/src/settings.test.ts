import { describe, expect, it } from "vitest";
import { defaultsBesideReadme, refusalOf } from "@shop/runtime/testing";
import { loadOrderSettings, orderEnvSchema } from "./settings";

describe("loadOrderSettings", () => {
  it("defaults to the documented hold, payment guards, recovery and outbox polling", () => {
    expect(loadOrderSettings({})).toEqual({
      reservationTtlSeconds: 900,
      payments: { timeoutMs: 2000, maxAttempts: 3, breakerThreshold: 5, breakerCooldownMs: 10_000 },
      recovery: { staleAfterMs: 30_000, intervalMs: 10_000 },
      checkout: { chargeLeaseMs: 5000, commitMaxAttempts: 10 },
      outboxPollIntervalMs: 1000,
      sinceMaxAgeSeconds: 86_400,
    });
  });

  it.each(["../README.md", "../../../README.md"])("has the defaults %s documents", (readme) => {
    const { inCode, inReadme } = defaultsBesideReadme(orderEnvSchema, new URL(readme, import.meta.url));
    expect(inReadme).toEqual(inCode);
  });

  it("takes each setting from its own variable", () => {
    const settings = loadOrderSettings({
      RESERVATION_TTL_SECONDS: "60",
      PAYMENT_TIMEOUT_MS: "150",
      PAYMENT_MAX_ATTEMPTS: "2",
      PAYMENT_BREAKER_THRESHOLD: "7",
      PAYMENT_BREAKER_COOLDOWN_MS: "800",
      CHECKOUT_RECOVERY_AFTER_MS: "2600",
      CHECKOUT_RECOVERY_INTERVAL_MS: "100",
      CHECKOUT_CHARGE_LEASE_MS: "900",
      CHECKOUT_COMMIT_MAX_ATTEMPTS: "4",
      OUTBOX_POLL_INTERVAL_MS: "50",
      SUBSCRIPTION_SINCE_MAX_AGE_SECONDS: "600",
    });

    expect(settings).toEqual({
      reservationTtlSeconds: 60,
      payments: { timeoutMs: 150, maxAttempts: 2, breakerThreshold: 7, breakerCooldownMs: 800 },
      recovery: { staleAfterMs: 2600, intervalMs: 100 },
      checkout: { chargeLeaseMs: 900, commitMaxAttempts: 4 },
      outboxPollIntervalMs: 50,
      sinceMaxAgeSeconds: 600,
    });
  });

  it("names every bad variable in one error, so one fix-up round is enough", () => {
    const message = refusalOf(loadOrderSettings, {
      RESERVATION_TTL_SECONDS: "0",
      PAYMENT_PROVIDER: "stripe",
      PAYMENT_TIMEOUT_MS: "soon",
      PAYMENT_MAX_ATTEMPTS: "11",
      PAYMENT_BREAKER_THRESHOLD: "-1",
      PAYMENT_BREAKER_COOLDOWN_MS: "1.5",
      CHECKOUT_RECOVERY_AFTER_MS: "0",
      CHECKOUT_RECOVERY_INTERVAL_MS: "never",
      CHECKOUT_CHARGE_LEASE_MS: "100",
      CHECKOUT_COMMIT_MAX_ATTEMPTS: "0",
      OUTBOX_POLL_INTERVAL_MS: "-5",
      SUBSCRIPTION_SINCE_MAX_AGE_SECONDS: "0",
    });

    const [first, ...problems] = message.split("\n");
    expect(first).toBe("Invalid environment (order subgraph):");
    expect(problems.map((line) => line.trim().split(":")[0]).sort()).toEqual(Object.keys(orderEnvSchema.shape).sort());
  });

  it("takes PAYMENT_PROVIDER, and refuses an adapter this build does not have by naming the ones it has", () => {
    expect(loadOrderSettings({ PAYMENT_PROVIDER: "simulated" }).paymentProvider).toBe("simulated");
    expect(loadOrderSettings({}).paymentProvider).toBeUndefined();
    expect(refusalOf(loadOrderSettings, { PAYMENT_PROVIDER: "stripe" }).split("\n")).toEqual([
      "Invalid environment (order subgraph):",
      "  PAYMENT_PROVIDER: must be one of: simulated (the payment adapters this build has)",
    ]);
  });

  it("refuses a hold longer than inventory grants (a day), which would fail every checkout after a clean start", () => {
    expect(() => loadOrderSettings({ RESERVATION_TTL_SECONDS: "100000" })).toThrow(/RESERVATION_TTL_SECONDS/);
    expect(loadOrderSettings({ RESERVATION_TTL_SECONDS: "86400" }).reservationTtlSeconds).toBe(86_400);
  });

  it("refuses to start when a live charge could still run when recovery takes its checkout over, naming the variables", () => {
    const message = refusalOf(loadOrderSettings, { PAYMENT_TIMEOUT_MS: "10000", PAYMENT_MAX_ATTEMPTS: "3" });

    expect(message.split("\n")).toEqual([
      "Invalid environment (order subgraph):",
      expect.stringMatching(
        /^ {2}CHECKOUT_RECOVERY_AFTER_MS: 30000 ms must be at least 2 × the longest live charge, PAYMENT_TIMEOUT_MS × PAYMENT_MAX_ATTEMPTS plus the retry backoff \(10000 × 3 \+ 2 × 1000 = 32000 ms\)/,
      ),
    ]);
    expect(
      loadOrderSettings({ PAYMENT_TIMEOUT_MS: "10000", PAYMENT_MAX_ATTEMPTS: "3", CHECKOUT_RECOVERY_AFTER_MS: "64000" }).recovery
        .staleAfterMs,
    ).toBe(64_000);
  });

  it("ignores the shared and other services' variables", () => {
    expect(loadOrderSettings({ STOCK_KEY_PREFIX: "{bad}", GATEWAY_PORT: "http" })).toEqual(loadOrderSettings({}));
  });
});
