import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { connectDatabase, createLogger, migrateDatabase, type Database } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import { migrationsFolder } from "../src/app";
import { schema, simulatedCharges } from "../src/db/schema";
import { PaymentUnavailableError, type ChargeRequest, type PaymentProvider } from "../src/services/payments/provider";
import {
  CIRCUIT_OPEN_MESSAGE,
  withResilience,
  type BreakerState,
  type ResilientPaymentProvider,
} from "../src/services/payments/resilient-provider";
import { createSimulatedProvider, SIMULATED_DECLINE_REASON, SIMULATED_TOKENS } from "../src/services/payments/simulated-provider";
import type { PaymentSettings } from "../src/settings";

const log = createLogger("order-payments-test", "silent");
const url = testConfig().subgraphs.order.databaseUrl;
let database: Database<typeof schema>;

beforeAll(async () => {
  await migrateDatabase(url, migrationsFolder);
  database = connectDatabase(url, schema, { max: 5 });
});
afterAll(() => database.close());

/** The simulated provider, really charging, with every call counted and the breaker state seen by each call noted. */
function counted(inner: PaymentProvider) {
  const calls = { charge: 0, refund: 0, findCharge: 0 };
  const statesSeen: BreakerState[] = [];
  let outer: ResilientPaymentProvider | undefined;
  const provider: PaymentProvider = {
    name: inner.name,
    acceptsToken: (token) => inner.acceptsToken(token),
    charge: (request, options) => {
      calls.charge += 1;
      if (outer) statesSeen.push(outer.state());
      return inner.charge(request, options);
    },
    refund: (orderId, options) => ((calls.refund += 1), inner.refund(orderId, options)),
    findCharge: (orderId, options) => ((calls.findCharge += 1), inner.findCharge(orderId, options)),
  };
  return { provider, calls, statesSeen, observe: (resilient: ResilientPaymentProvider) => (outer = resilient) };
}

/** Roomy timeouts by default: a busy test machine must not turn a slow insert into a retry the counts would show. */
const payments = (overrides: Partial<PaymentSettings> = {}): PaymentSettings => ({
  timeoutMs: 10_000,
  maxAttempts: 3,
  breakerThreshold: 100,
  breakerCooldownMs: 60_000,
  ...overrides,
});

/** Small backoff so retries do not slow the suite; the number of attempts is what the tests check. */
const quickBackoff = { initialBackoffMs: 5, maxBackoffMs: 20 };

/**
 * A resilient simulated provider. `hangMs` small makes the unavailable card fail at once with PaymentUnavailableError
 * (the provider reporting its outage), which the breaker tests use so they never depend on timing.
 */
function resilient(overrides: Partial<PaymentSettings> = {}, hangMs?: number) {
  const counting = counted(createSimulatedProvider(database.db, { hangMs }));
  const provider = withResilience(counting.provider, payments(overrides), log, quickBackoff);
  counting.observe(provider);
  return { ...counting, provider };
}

const request = (token: string, amount = 4200): ChargeRequest => ({ orderId: crypto.randomUUID(), amount, currency: "USD", token });

async function ledgerRow(orderId: string) {
  const rows = await database.db.select().from(simulatedCharges).where(eq(simulatedCharges.orderId, orderId));
  return rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("simulated provider", () => {
  it("knows its four tokens and nothing else", () => {
    const provider = createSimulatedProvider(database.db);
    expect(Object.values(SIMULATED_TOKENS).map((token) => provider.acceptsToken(token))).toEqual([true, true, true, true]);
    expect(provider.acceptsToken("pm_card_mastercard")).toBe(false);
    expect(provider.acceptsToken("")).toBe(false);
    expect(withResilience(provider, payments(), log).acceptsToken("tok_unknown")).toBe(false);
  });

  it("charges a card once when the same order is charged five times at once", async () => {
    const { provider, calls } = resilient();
    const charge = request(SIMULATED_TOKENS.visa);
    const results = await Promise.all(Array.from({ length: 5 }, () => provider.charge(charge)));

    expect(calls.charge).toBe(5);
    expect(results[0]).toEqual({ status: "SUCCEEDED", chargeId: expect.stringMatching(/^ch_sim_/) });
    expect(new Set(results.map((result) => result.chargeId)).size).toBe(1);
    expect(results.every((result) => result.status === "SUCCEEDED")).toBe(true);
    const rows = await ledgerRow(charge.orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempts: 5, status: "SUCCEEDED", amount: 4200, currency: "USD", chargeId: results[0]!.chargeId });
  });

  it("refuses a repeat of an order's charge with another amount and charges nothing more", async () => {
    const provider = createSimulatedProvider(database.db);
    const charge = request(SIMULATED_TOKENS.visa, 1000);
    const first = await provider.charge(charge);
    await expect(provider.charge({ ...charge, amount: 2000 })).rejects.toThrow(/other parameters/);
    expect(await provider.findCharge(charge.orderId)).toEqual(first);
    expect((await ledgerRow(charge.orderId))[0]).toMatchObject({ amount: 1000 });
  });

  it("refuses an unknown token without touching the ledger", async () => {
    const charge = request("pm_card_unknown");
    await expect(createSimulatedProvider(database.db).charge(charge)).rejects.toThrow(/does not know the token/);
    expect(await ledgerRow(charge.orderId)).toEqual([]);
  });

  it("hangs on the unavailable card until its own limit, then reports an outage", async () => {
    const charge = request(SIMULATED_TOKENS.unavailable);
    const provider = createSimulatedProvider(database.db, { hangMs: 5 });
    await expect(provider.charge(charge)).rejects.toBeInstanceOf(PaymentUnavailableError);
    const aborted = new AbortController();
    const pending = createSimulatedProvider(database.db).charge(charge, { signal: aborted.signal });
    aborted.abort();
    await expect(pending).rejects.toThrow("payment provider call aborted");
    expect(await provider.findCharge(charge.orderId)).toBeNull();
  });

  it("charges the timeout card, then never answers: the caller sees an outage, the ledger has the charge", async () => {
    const charge = request(SIMULATED_TOKENS.timeout);
    const provider = createSimulatedProvider(database.db, { hangMs: 5 });
    await expect(provider.charge(charge)).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(await provider.findCharge(charge.orderId)).toEqual({ status: "SUCCEEDED", chargeId: expect.stringMatching(/^ch_sim_/) });
    await provider.refund(charge.orderId);
    expect((await ledgerRow(charge.orderId))[0]).toMatchObject({ attempts: 1, status: "SUCCEEDED", refundedAt: expect.any(Date) });
  });
});

describe("resilient provider", () => {
  it("returns a decline without retrying it", async () => {
    const { provider, calls } = resilient({ breakerThreshold: 1 });
    const charge = request(SIMULATED_TOKENS.declined);
    await expect(provider.charge(charge)).resolves.toEqual({
      status: "DECLINED",
      chargeId: expect.stringMatching(/^ch_sim_/),
      reason: SIMULATED_DECLINE_REASON,
    });
    expect(calls.charge).toBe(1);
    expect((await ledgerRow(charge.orderId))[0]).toMatchObject({ attempts: 1, status: "DECLINED" });
    // A decline is an answer, not an outage: even a threshold of one leaves the circuit closed.
    expect(provider.state()).toBe("closed");
  });

  it("gives up with PaymentUnavailableError after exactly maxAttempts timed-out attempts", async () => {
    const { provider, calls } = resilient({ maxAttempts: 3, timeoutMs: 50 });
    const charge = request(SIMULATED_TOKENS.unavailable);
    const failure = await provider.charge(charge).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PaymentUnavailableError);
    expect((failure as Error).message).toMatch(/did not answer simulated charge within 50 ms/);
    expect(calls.charge).toBe(3);
    expect(await ledgerRow(charge.orderId)).toEqual([]);
  });

  it("retries an outage the provider reports itself, up to maxAttempts", async () => {
    const { provider, calls } = resilient({ maxAttempts: 2 }, 1);
    await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toThrow(/did not answer within 1 ms/);
    expect(calls.charge).toBe(2);
  });

  it("does not retry an error that is not an outage", async () => {
    const { provider, calls } = resilient();
    await expect(provider.charge(request("pm_card_unknown"))).rejects.toThrow(/does not know the token/);
    expect(calls.charge).toBe(1);
    expect(provider.state()).toBe("closed");
  });

  it("never holds what a customer can cause against the breaker, even at a threshold of one", async () => {
    const { provider, calls } = resilient({ breakerThreshold: 1, maxAttempts: 1 }, 1);
    // A repeat of an order id with other parameters: the provider refuses it, charging nothing.
    const charge = request(SIMULATED_TOKENS.visa, 1000);
    await provider.charge(charge);
    await expect(provider.charge({ ...charge, amount: 2000 })).rejects.toThrow(/other parameters/);
    // A token the provider does not know, and a decline.
    await expect(provider.charge(request("pm_card_unknown"))).rejects.toThrow(/does not know the token/);
    await expect(provider.charge(request(SIMULATED_TOKENS.declined))).resolves.toMatchObject({ status: "DECLINED" });
    expect(provider.state()).toBe("closed");
    expect(calls.charge).toBe(4);
    // The threshold of one is live: a single outage opens it.
    await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(provider.state()).toBe("open");
  });

  it("counts an outage the provider reports at once (a 5xx answer), then fails fast", async () => {
    const failing = counted({
      name: "failing",
      acceptsToken: () => true,
      charge: () => Promise.reject(new PaymentUnavailableError("provider answered 503 Service Unavailable")),
      refund: () => Promise.resolve(),
      findCharge: () => Promise.resolve(null),
    });
    const provider = withResilience(failing.provider, payments({ maxAttempts: 1, breakerThreshold: 2 }), log, quickBackoff);
    await expect(provider.charge(request(SIMULATED_TOKENS.visa))).rejects.toThrow(/503/);
    expect(provider.state()).toBe("closed");
    await expect(provider.charge(request(SIMULATED_TOKENS.visa))).rejects.toThrow(/503/);
    expect(provider.state()).toBe("open");
    await expect(provider.charge(request(SIMULATED_TOKENS.visa))).rejects.toThrow(CIRCUIT_OPEN_MESSAGE);
    expect(failing.calls.charge).toBe(2);
  });

  it("does not count or retry a call its caller aborts: the provider did not fail", async () => {
    const { provider, calls } = resilient({ breakerThreshold: 1, maxAttempts: 3 });
    const aborted = new AbortController();
    const pending = provider.charge(request(SIMULATED_TOKENS.unavailable), { signal: aborted.signal });
    await sleep(20); // in flight at the provider (the outcome is the same if it is not yet)
    aborted.abort();
    const failure = await pending.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PaymentUnavailableError);
    expect((failure as Error).message).toMatch(/aborted by its caller/);
    expect(calls.charge).toBe(1);
    expect(provider.state()).toBe("closed");
  });

  it("opens the circuit after breakerThreshold failures, fails fast without calling the provider, then recovers", async () => {
    const cooldownMs = 200;
    const { provider, calls, statesSeen } = resilient({ maxAttempts: 1, breakerThreshold: 3, breakerCooldownMs: cooldownMs }, 1);
    for (let call = 0; call < 3; call += 1) {
      await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toBeInstanceOf(PaymentUnavailableError);
    }
    expect(calls.charge).toBe(3);
    expect(provider.state()).toBe("open");

    const visa = request(SIMULATED_TOKENS.visa);
    await expect(provider.charge(visa)).rejects.toThrow(CIRCUIT_OPEN_MESSAGE);
    await expect(provider.findCharge(visa.orderId)).rejects.toThrow(CIRCUIT_OPEN_MESSAGE);
    expect(calls).toEqual({ charge: 3, refund: 0, findCharge: 0 });
    expect(await ledgerRow(visa.orderId)).toEqual([]);

    await sleep(cooldownMs + 50);
    await expect(provider.charge(visa)).resolves.toMatchObject({ status: "SUCCEEDED" });
    expect(statesSeen.at(-1)).toBe("half-open");
    expect(provider.state()).toBe("closed");
    expect(calls.charge).toBe(4);
  });

  it("reopens the circuit when the trial call after the cooldown fails", async () => {
    const cooldownMs = 100;
    const { provider, calls, statesSeen } = resilient({ maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: cooldownMs }, 1);
    await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(provider.state()).toBe("open");
    await sleep(cooldownMs + 50);
    await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(statesSeen).toEqual(["closed", "half-open"]);
    expect(provider.state()).toBe("open");
    await expect(provider.charge(request(SIMULATED_TOKENS.visa))).rejects.toThrow(CIRCUIT_OPEN_MESSAGE);
    expect(calls.charge).toBe(2);
  });

  it("shares one breaker across calls: timed-out attempts of several charges add up", async () => {
    const { provider, calls } = resilient({ maxAttempts: 3, breakerThreshold: 5, timeoutMs: 50 });
    await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(provider.state()).toBe("closed");
    // Attempts four and five open the circuit; the second charge's third attempt then fails fast.
    await expect(provider.charge(request(SIMULATED_TOKENS.unavailable))).rejects.toThrow(CIRCUIT_OPEN_MESSAGE);
    expect(calls.charge).toBe(5);
    expect(provider.state()).toBe("open");
  });

  it("refunds a successful charge once and ignores repeats, declines and unknown orders", async () => {
    const { provider, calls } = resilient();
    const visa = request(SIMULATED_TOKENS.visa);
    await provider.charge(visa);
    await provider.refund(visa.orderId);
    const [refunded] = await ledgerRow(visa.orderId);
    expect(refunded!.refundedAt).toBeInstanceOf(Date);
    await provider.refund(visa.orderId);
    expect((await ledgerRow(visa.orderId))[0]!.refundedAt).toEqual(refunded!.refundedAt);

    const declined = request(SIMULATED_TOKENS.declined);
    await provider.charge(declined);
    await provider.refund(declined.orderId);
    expect((await ledgerRow(declined.orderId))[0]!.refundedAt).toBeNull();

    await expect(provider.refund(crypto.randomUUID())).resolves.toBeUndefined();
    expect(calls.refund).toBe(4);
  });

  it("finds the charge made for an order, whatever its outcome, and null when there is none", async () => {
    const { provider } = resilient();
    const visa = request(SIMULATED_TOKENS.visa);
    const declined = request(SIMULATED_TOKENS.declined);
    const paid = await provider.charge(visa);
    await provider.charge(declined);

    expect(await provider.findCharge(visa.orderId)).toEqual(paid);
    expect(await provider.findCharge(declined.orderId)).toEqual({
      status: "DECLINED",
      chargeId: expect.stringMatching(/^ch_sim_/),
      reason: SIMULATED_DECLINE_REASON,
    });
    expect(await provider.findCharge(crypto.randomUUID())).toBeNull();
    // A refund does not hide that the order was charged (recovery must not charge it again).
    await provider.refund(visa.orderId);
    expect(await provider.findCharge(visa.orderId)).toEqual(paid);
  });
});
