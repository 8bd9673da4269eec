import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SetStockDocument } from "./generated/operations";
import { expectData } from "./support/client";
import { startCheckoutStack } from "./support/checkout-stack";
import { recordingProxy } from "./support/recording-proxy";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import type { Stack } from "./support/stack";

// Checkout on sale day: a sold-out cart is answered from the stock counters without a saga (and its answer is as
// final as any other under its key), and one customer cannot run two checkouts at once.

let stack: Stack;
let admin: { token: string };
let category: string;
/** The order subgraph's calls to product and inventory, recorded on the way. */
let siblingProxies: Awaited<ReturnType<typeof recordingProxy>>[];

beforeAll(async () => {
  // Payments time out after 1.5 s: the in-flight test holds a checkout open with a provider that never answers.
  stack = await startCheckoutStack({ paymentTimeoutMs: 1500 });
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
  // The order service reads its siblings' URLs per call: from here on its product and inventory calls are recorded.
  const productUrl = stack.config.subgraphs.product.url;
  const inventoryUrl = stack.config.subgraphs.inventory.url;
  siblingProxies = await Promise.all([recordingProxy(() => productUrl), recordingProxy(() => inventoryUrl)]);
  stack.config.subgraphs.product.url = siblingProxies[0]!.url;
  stack.config.subgraphs.inventory.url = siblingProxies[1]!.url;
}, 120_000);
afterAll(async () => {
  await Promise.all(siblingProxies.map((proxy) => proxy.close()));
  await stack.stop();
});

/** The operations the order service sent to product and inventory since `from` (an index into each proxy's record). */
function orderCallsSince(from: number[]): string[] {
  return siblingProxies.flatMap((proxy, index) =>
    proxy.seen
      .slice(from[index])
      .filter((seen) => seen.service === "order")
      .map((seen) => seen.operationName ?? "?"),
  );
}
const mark = () => siblingProxies.map((proxy) => proxy.seen.length);

describe("a sold-out cart", () => {
  it("is refused from the counters alone once a refusal was seen, and its key keeps that answer after a restock", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 1 })) as [string];
    const [first, second, third] = await Promise.all(
      ["First", "Second", "Third"].map((name) => customerWithCart(stack, [{ productId: product, quantity: 1 }], name)),
    );
    expect((await checkout(stack, first!.token)).data?.checkout.__typename).toBe("Order");

    // The first refusal goes through the saga: the reservation is what says no.
    let before = mark();
    const refusedInSaga = await checkout(stack, second!.token);
    expect(refusedInSaga.data?.checkout).toMatchObject({ __typename: "InsufficientStockError" });
    expect(orderCallsSince(before)).toEqual(["ProductSnapshots", "ReserveStock"]);

    // The next one is answered from the counters: no prices read, no reservation asked, no saga.
    before = mark();
    const key = crypto.randomUUID();
    const refused = await checkout(stack, third!.token, { key });
    expect(refused.data?.checkout).toEqual({
      __typename: "InsufficientStockError",
      message: "A product in your cart cannot be served in the quantity asked.",
      items: [{ product: { id: product }, requested: 1, available: 0 }],
    });
    expect(orderCallsSince(before)).toEqual(["StockShortages"]);
    const rows = await stack.subgraphs.order!.database.sql<{ step: string }[]>`
      select step from checkouts where user_id = ${third!.id}`;
    expect(rows.map((row) => row.step)).toEqual(["FAILED"]);

    // Restocked: a replay of the refused key still answers what it answered; a new key buys.
    await expectData(stack.gatewayUrl, SetStockDocument, { productId: product, onHand: 5 }, { token: admin.token });
    before = mark();
    expect((await checkout(stack, third!.token, { key })).data?.checkout).toEqual(refused.data?.checkout);
    const bought = await checkout(stack, third!.token);
    expect(bought.data?.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
    // The first read of the counters after the restock said the product is back, which dropped the hint.
    expect(orderCallsSince(before).filter((name) => name === "StockShortages")).toHaveLength(1);
  }, 60_000);
});

describe("one checkout in flight per customer", () => {
  it("refuses a second key while the first runs with CONFLICT on input.idempotencyKey, and frees the customer when it ends", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 5 })) as [string];
    const customer = await customerWithCart(stack, [{ productId: product, quantity: 2 }]);
    // A provider that never answers keeps the first checkout waiting for its payment timeouts.
    const firstKey = crypto.randomUUID();
    const first = checkout(stack, customer.token, { key: firstKey, paymentToken: "pm_card_unavailable" });
    const sql = stack.subgraphs.order!.database.sql;
    await expect
      .poll(async () => (await sql<{ step: string }[]>`select step from checkouts where user_id = ${customer.id}`).map((r) => r.step))
      .toEqual(["ORDERED"]);

    const second = await checkout(stack, customer.token);
    expect(second.data).toBeNull();
    expect(second.errors).toMatchObject([
      { extensions: { code: "CONFLICT", field: "input.idempotencyKey" }, message: expect.stringContaining("still in progress") },
    ]);
    // The same key is no conflict: it waits for the first request's answer and gets it.
    const duplicate = checkout(stack, customer.token, { key: firstKey, paymentToken: "pm_card_unavailable" });

    expect((await first).data?.checkout.__typename).toBe("PaymentUnavailableError");
    expect((await duplicate).data?.checkout).toEqual((await first).data?.checkout);
    const third = await checkout(stack, customer.token);
    expect(third.data?.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
    const steps = await sql<{ step: string }[]>`select step from checkouts where user_id = ${customer.id} order by created_at`;
    expect(steps.map((row) => row.step)).toEqual(["FAILED", "COMPLETED"]);
  }, 60_000);
});
