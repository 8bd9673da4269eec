import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ViewerCartDocument } from "./generated/operations";
import { expectData } from "./support/client";
import { chargesFor, startCheckoutStack } from "./support/checkout-stack";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, stockOf } from "./support/shop";
import type { Stack } from "./support/stack";

/**
 * The payment circuit breaker is shared by every checkout, so only the provider's own failures may open it: a
 * customer whose card is declined (or whose token is refused) must not be able to stop payments for everyone.
 */

const DECLINES = 50;
/** Far below fifty: were declines held against the breaker, it would open a few checkouts in. */
const THRESHOLD = 3;

let stack: Stack;
let admin: { token: string };
let category: string;

beforeAll(async () => {
  stack = await startCheckoutStack({
    // Short attempts so outages end in a fraction of a second; two attempts per checkout, so the second outage opens
    // the circuit (attempts 3 and 4 of a threshold of 3); a cooldown longer than the test, so it stays open.
    paymentTimeoutMs: 100,
    payments: { maxAttempts: 2, breakerThreshold: THRESHOLD, breakerCooldownMs: 10 * 60_000 },
  });
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
}, 60_000);
afterAll(() => stack.stop());

/** The breaker as operators see it: the order subgraph's /health. */
async function circuit(): Promise<string> {
  const response = await fetch(new URL("/health", stack.subgraphs.order!.url));
  expect(response.status).toBe(200);
  const health = (await response.json()) as { status: string; payments?: { provider: string; circuit: string } };
  expect(health).toMatchObject({ status: "ok", service: "order", payments: { provider: "simulated" } });
  return health.payments!.circuit;
}

const cartOf = async (token: string) => (await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token })).cart;

/** Runs `task` for every item, ten at a time. */
async function tenAtATime<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += 10) results.push(...(await Promise.all(items.slice(start, start + 10).map(task))));
  return results;
}

describe("payment circuit breaker", () => {
  it("stays closed after fifty declined checkouts and refused tokens: the next card is charged", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: DECLINES + 1 })) as [string];
    const customers = await tenAtATime(Array.from({ length: DECLINES }), () =>
      customerWithCart(stack, [{ productId: product, quantity: 1 }], "Declined"),
    );
    expect(await circuit()).toBe("closed");

    // Fifty different customers, each with their own idempotency key, each declined by the provider.
    const declined = await tenAtATime(customers, async (customer) => {
      const result = (await checkout(stack, customer.token, { paymentToken: "pm_card_declined" })).data!.checkout;
      return result;
    });
    expect(declined.map((result) => result.__typename)).toEqual(Array(DECLINES).fill("PaymentDeclinedError"));
    const orderIds = declined.map((result) => (result.__typename === "PaymentDeclinedError" ? result.order.id : ""));
    // Every one reached the provider, which declined it: fifty provider answers the breaker saw, none an outage.
    const charges = await chargesFor(stack, orderIds);
    expect(charges).toHaveLength(DECLINES);
    expect(charges.every((charge) => charge.status === "DECLINED")).toBe(true);

    // Tokens the provider does not know are the customer's mistake too (refused before any provider call).
    const refused = await tenAtATime(customers.slice(0, 5), (customer) =>
      checkout(stack, customer.token, { paymentToken: "pm_card_stolen" }),
    );
    expect(refused.map((result) => result.errors?.[0]?.extensions?.code)).toEqual(Array(5).fill("BAD_USER_INPUT"));

    expect(await circuit()).toBe("closed");
    expect(await stockOf(stack, product)).toEqual({ available: DECLINES + 1, onHand: DECLINES + 1, reserved: 0 });

    // The breaker never opened: a good card is charged.
    const paid = (await checkout(stack, customers[0]!.token, { paymentToken: "pm_card_visa" })).data!.checkout;
    expect(paid).toMatchObject({ __typename: "Order", status: "PAID" });
    expect(await stockOf(stack, product)).toEqual({ available: DECLINES, onHand: DECLINES, reserved: 0 });
    expect(await circuit()).toBe("closed");
  }, 30_000);

  it("opens on provider outages, then answers PaymentUnavailableError without calling the provider", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 10 })) as [string];
    const buyers = await tenAtATime(Array.from({ length: 4 }), () =>
      customerWithCart(stack, [{ productId: product, quantity: 1 }], "Buyer"),
    );
    expect(await circuit()).toBe("closed");

    // The provider does not answer: each checkout's two attempts time out, and each counts.
    const first = (await checkout(stack, buyers[0]!.token, { paymentToken: "pm_card_unavailable" })).data!.checkout;
    expect(first.__typename).toBe("PaymentUnavailableError");
    expect(await circuit()).toBe("closed");
    const second = (await checkout(stack, buyers[1]!.token, { paymentToken: "pm_card_unavailable" })).data!.checkout;
    expect(second.__typename).toBe("PaymentUnavailableError");
    expect(await circuit()).toBe("open");

    // Open: a good card and a declined one both answer at once, and the provider's ledger never sees them.
    const visa = (await checkout(stack, buyers[2]!.token, { paymentToken: "pm_card_visa" })).data!.checkout;
    const declined = (await checkout(stack, buyers[3]!.token, { paymentToken: "pm_card_declined" })).data!.checkout;
    expect([visa.__typename, declined.__typename]).toEqual(["PaymentUnavailableError", "PaymentUnavailableError"]);
    const orderIds = [visa, declined].map((result) => (result.__typename === "PaymentUnavailableError" ? result.order.id : ""));
    expect(await chargesFor(stack, orderIds)).toEqual([]);
    expect(visa).toMatchObject({ order: { status: "CANCELLED" } });

    // Nothing was sold or kept reserved, and the customers keep their carts to try again later.
    expect(await stockOf(stack, product)).toEqual({ available: 10, onHand: 10, reserved: 0 });
    expect((await cartOf(buyers[2]!.token)).itemCount).toBe(1);
    expect(await circuit()).toBe("open");
  }, 30_000);
});
