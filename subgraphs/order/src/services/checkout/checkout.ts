import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { addressInputSchema, badUserInput, conflict, parseInput, type Viewer } from "@shop/runtime";
import { checkouts } from "../../db/schema";
import { advance, type SagaDeps } from "./saga";
import { cartFingerprint, requestFingerprint } from "./fingerprint";
import type { CheckoutOutcome } from "./outcomes";

const inputSchema = z.object({
  idempotencyKey: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  shippingAddress: addressInputSchema,
  paymentToken: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
});

/** How long a duplicate request waits for the first one (bounded by the payment timeouts and retries). */
const REPLAY_WAIT_MS = 15_000;
const REPLAY_POLL_MS = 50;

/**
 * `checkout`: validates, claims (user, idempotencyKey) — the unique index decides who runs the saga — and either
 * runs it or answers what the first request with that key answered.
 */
export async function checkout(deps: SagaDeps, viewer: Viewer, rawInput: unknown): Promise<CheckoutOutcome> {
  const input = parseInput(inputSchema, rawInput, "input");
  if (!deps.payments.acceptsToken(input.paymentToken)) {
    throw badUserInput("input.paymentToken", `is not a payment method the provider accepts (e.g. pm_card_visa)`);
  }
  const requestHash = requestFingerprint(input);
  const [claimed] = await deps.db
    .insert(checkouts)
    .values({
      orderId: crypto.randomUUID(),
      userId: viewer.userId,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      shippingAddress: input.shippingAddress,
      paymentToken: input.paymentToken,
    })
    .onConflictDoNothing()
    .returning({ orderId: checkouts.orderId });
  if (claimed) return advance(deps, claimed.orderId, "live");
  return replay(deps, viewer.userId, input.idempotencyKey, requestHash);
}

async function replay(deps: SagaDeps, userId: string, key: string, requestHash: string): Promise<CheckoutOutcome> {
  const deadline = Date.now() + REPLAY_WAIT_MS;
  for (;;) {
    const [row] = await deps.db
      .select()
      .from(checkouts)
      .where(and(eq(checkouts.userId, userId), eq(checkouts.idempotencyKey, key)));
    if (row!.requestHash !== requestHash) {
      throw badUserInput("input.idempotencyKey", "was already used for a checkout with another address or payment token: use a new key");
    }
    if (row!.step === "COMPLETED" || row!.step === "FAILED") {
      await assertSameCart(deps, userId, row!.cartHash);
      return row!.result as CheckoutOutcome;
    }
    if (Date.now() > deadline) {
      throw conflict("input.idempotencyKey", "a checkout with this key is still in progress: retry in a moment");
    }
    await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
  }
}

/**
 * A replay must be for the cart that was bought. After a paid checkout the cart is empty (its lines consumed), so
 * only a non-empty cart that differs counts as "another cart".
 */
async function assertSameCart(deps: SagaDeps, userId: string, cartHash: string | null) {
  if (!cartHash) return;
  const lines = await deps.siblings.cartLines(userId);
  if (lines.length > 0 && cartFingerprint(lines) !== cartHash) {
    throw badUserInput("input.idempotencyKey", "was already used to check out a different cart: use a new key");
  }
}
