import { z } from "zod";
import { addressInputSchema, badUserInput, conflict, counter, parseInput, type Viewer } from "@shop/runtime";
import { GraphQLError } from "graphql";
import type { StockLine } from "../../siblings";
import type { NewOrderLine } from "../orders";
import { claim, findByKey, recordAnswer, type NewCheckout } from "./checkout-rows";
import { cartFingerprint, requestFingerprint } from "./fingerprint";
import { EMPTY_CART, insufficientStock, interrupted, type CheckoutOutcome } from "./outcomes";
import { advance, type SagaDeps } from "./saga";
import { checkoutTotal } from "./total-limit";

const inputSchema = z.object({
  idempotencyKey: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  shippingAddress: addressInputSchema,
  paymentToken: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
});

/** How long a duplicate request waits for the first one (bounded by the payment timeouts and retries). */
const REPLAY_WAIT_MS = 15_000;
const REPLAY_POLL_MS = 50;

const checkoutsAnswered = counter(
  "shop_checkouts_total",
  "Checkouts answered (replays included), by outcome: Order (paid), InsufficientStockError, PaymentDeclinedError, " +
    "PaymentUnavailableError, EmptyCartError, Interrupted, or the code of a refusal (BAD_USER_INPUT, CONFLICT, ...).",
  ["outcome"],
);

/** `checkout`, counted by outcome in the metrics. */
export async function checkout(deps: SagaDeps, viewer: Viewer, rawInput: unknown): Promise<CheckoutOutcome> {
  try {
    const outcome = await runCheckout(deps, viewer, rawInput);
    checkoutsAnswered.inc({ outcome: outcome.kind });
    return outcome;
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    checkoutsAnswered.inc({ outcome: typeof code === "string" ? code : "INTERNAL_SERVER_ERROR" });
    throw error;
  }
}

/**
 * Validates, reads the cart and its current prices, and then either answers at once (an empty cart, a sold-out
 * line, a product no longer sold) or claims (user, idempotencyKey) and runs the saga. Every answer is recorded under
 * the key, so a replay answers the same; a key already used answers what its first request did.
 */
async function runCheckout(deps: SagaDeps, viewer: Viewer, rawInput: unknown): Promise<CheckoutOutcome> {
  const input = parseInput(inputSchema, rawInput, "input");
  if (!deps.payments.acceptsToken(input.paymentToken)) {
    throw badUserInput("input.paymentToken", `is not a payment method the provider accepts (e.g. pm_card_visa)`);
  }
  const cart = await deps.siblings.cartLines(viewer.userId);
  const draft: NewCheckout = {
    orderId: crypto.randomUUID(),
    userId: viewer.userId,
    idempotencyKey: input.idempotencyKey,
    requestHash: requestFingerprint(input),
    cartHash: cart.length > 0 ? cartFingerprint(cart) : null,
    shippingAddress: input.shippingAddress,
    paymentToken: input.paymentToken,
  };
  const answer = (outcome: CheckoutOutcome) => answerAtOnce(deps, draft, cart, outcome);

  if (cart.length === 0) return answer(EMPTY_CART);
  const soldOut = await knownShortages(deps, cart);
  if (soldOut.length > 0) return answer(insufficientStock(soldOut));

  const snapshots = await deps.siblings.productSnapshots(cart.map((line) => line.productId));
  const unsellable = cart.filter((_, index) => snapshots[index]?.status !== "ACTIVE");
  if (unsellable.length > 0) {
    return answer(insufficientStock(unsellable.map((line) => ({ ...line, requested: line.quantity, available: 0 }))));
  }
  const currencies = new Set(snapshots.map((snapshot) => snapshot!.currency));
  if (currencies.size > 1) return answer(interrupted("The cart mixes currencies; check out one currency at a time."));
  const lines: NewOrderLine[] = cart.map((line, index) => ({
    productId: line.productId,
    title: snapshots[index]!.title,
    unitPriceAmount: snapshots[index]!.priceAmount,
    quantity: line.quantity,
  }));

  const currency = [...currencies][0]!;
  // Before anything is held or written: a total no order can hold is the customer's to fix, not an INTERNAL error.
  checkoutTotal(lines, currency);

  const claimed = await claim(deps.sql, { ...draft, lines, currency });
  if (claimed) return advance(deps, claimed, "live");
  return replay(deps, draft, cart);
}

/**
 * The sold-out fast path: when this process recently saw a line of the cart refused, the counters are asked first
 * (one read, nothing held), and a line they cannot serve is answered without a saga. The answer comes from the
 * counters, never from the hint.
 */
async function knownShortages(deps: SagaDeps, cart: readonly StockLine[]) {
  const productIds = cart.map((line) => line.productId);
  if (!deps.soldOut.any(productIds)) return [];
  const shortages = await deps.siblings.stockShortages(cart);
  if (shortages.length === 0) deps.soldOut.forget(productIds);
  return shortages;
}

/** Records an answer that needs no saga; a key already used (or a checkout already running) decides otherwise. */
async function answerAtOnce(deps: SagaDeps, draft: NewCheckout, cart: readonly StockLine[], outcome: CheckoutOutcome) {
  if (await recordAnswer(deps.sql, draft, outcome)) return outcome;
  return replay(deps, draft, cart);
}

/**
 * The key is taken (a replay, or a duplicate still running: wait for its answer), or it is free but the customer has
 * another checkout in flight: CONFLICT, so that two tabs cannot buy one cart twice.
 */
async function replay(deps: SagaDeps, draft: NewCheckout, cart: readonly StockLine[]): Promise<CheckoutOutcome> {
  const deadline = Date.now() + REPLAY_WAIT_MS;
  for (;;) {
    const row = await findByKey(deps.sql, draft.userId, draft.idempotencyKey);
    if (!row) {
      throw conflict(
        "input.idempotencyKey",
        "another checkout of yours is still in progress: wait for its answer, or retry with its idempotency key",
      );
    }
    if (row.requestHash !== draft.requestHash) {
      throw badUserInput("input.idempotencyKey", "was already used for a checkout with another address or payment token: use a new key");
    }
    if (row.step === "COMPLETED" || row.step === "FAILED") {
      assertSameCart(cart, row.cartHash);
      return row.result as CheckoutOutcome;
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
function assertSameCart(cart: readonly StockLine[], cartHash: string | null) {
  if (cartHash && cart.length > 0 && cartFingerprint(cart) !== cartHash) {
    throw badUserInput("input.idempotencyKey", "was already used to check out a different cart: use a new key");
  }
}
