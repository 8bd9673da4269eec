import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { OrderDatabase } from "../../db/database";
import { simulatedCharges } from "../../db/schema";
import { PaymentUnavailableError, type ChargeResult, type PaymentProvider, type ProviderCallOptions } from "./provider";

/** The tokens the simulated provider understands (docs/architecture.md#payment-tokens). */
export const SIMULATED_TOKENS = {
  visa: "pm_card_visa",
  declined: "pm_card_declined",
  unavailable: "pm_card_unavailable",
  /** Charged, but the answer never comes: the caller times out not knowing the money moved. */
  timeout: "pm_card_timeout",
} as const;

export const SIMULATED_DECLINE_REASON = "Your card was declined.";

export interface SimulatedProviderOptions {
  /** How long a charge with `pm_card_unavailable` or `pm_card_timeout` hangs before failing (default 30 s, longer than any sane timeout). */
  hangMs?: number;
}

/**
 * The built-in provider: its ledger is the `simulated_charges` table, keyed by order id, so a charge can never be
 * made twice for one order, even by two processes at once.
 */
export function createSimulatedProvider(db: OrderDatabase, options: SimulatedProviderOptions = {}): PaymentProvider {
  const hangMs = options.hangMs ?? 30_000;
  const known = new Set<string>(Object.values(SIMULATED_TOKENS));
  return {
    name: "simulated",
    acceptsToken: (token) => known.has(token),

    async charge(request, callOptions) {
      if (!known.has(request.token)) throw new Error(`The simulated provider does not know the token "${request.token}"`);
      // An outage: the request never reaches the ledger, like a provider that does not answer.
      if (request.token === SIMULATED_TOKENS.unavailable) return hang(hangMs, callOptions);
      const declined = request.token === SIMULATED_TOKENS.declined;
      // One statement inserts the first charge or counts a repeat and hands back the stored outcome, so concurrent
      // repeats serialize on the row lock and all see the same charge.
      const [row] = await db
        .insert(simulatedCharges)
        .values({
          orderId: request.orderId,
          chargeId: `ch_sim_${randomBytes(12).toString("hex")}`,
          token: request.token,
          amount: request.amount,
          currency: request.currency,
          status: declined ? "DECLINED" : "SUCCEEDED",
          reason: declined ? SIMULATED_DECLINE_REASON : null,
        })
        .onConflictDoUpdate({ target: simulatedCharges.orderId, set: { attempts: sql`${simulatedCharges.attempts} + 1` } })
        .returning();
      if (row!.amount !== request.amount || row!.currency !== request.currency || row!.token !== request.token) {
        // What real providers do when an idempotency key comes back with other parameters: refuse, charge nothing.
        throw new Error(`Order ${request.orderId} was already charged with other parameters`);
      }
      // The charge is in the ledger; its answer is lost on the way back.
      if (request.token === SIMULATED_TOKENS.timeout) return hang(hangMs, callOptions);
      return toResult(row!);
    },

    async refund(orderId) {
      await db
        .update(simulatedCharges)
        .set({ refundedAt: sql`now()` })
        .where(
          sql`${simulatedCharges.orderId} = ${orderId} and ${simulatedCharges.status} = 'SUCCEEDED' and ${simulatedCharges.refundedAt} is null`,
        );
    },

    async findCharge(orderId) {
      const [row] = await db.select().from(simulatedCharges).where(eq(simulatedCharges.orderId, orderId));
      return row ? toResult(row) : null;
    },
  };
}

function toResult(row: typeof simulatedCharges.$inferSelect): ChargeResult {
  return row.status === "DECLINED"
    ? { status: "DECLINED", chargeId: row.chargeId, reason: row.reason ?? SIMULATED_DECLINE_REASON }
    : { status: "SUCCEEDED", chargeId: row.chargeId };
}

/** Never answers within `ms`; an abort (the caller's timeout) ends it early, and the timer never holds the process. */
function hang(ms: number, options: ProviderCallOptions = {}): Promise<never> {
  return new Promise((_, reject) => {
    const { signal } = options;
    const fail = (message: string) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      reject(new PaymentUnavailableError(message));
    };
    const onAbort = () => fail("payment provider call aborted");
    const timer = setTimeout(() => fail(`payment provider did not answer within ${ms} ms`), ms);
    timer.unref();
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
