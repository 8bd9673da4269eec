import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancelOrderDocument, ViewerCartDocument } from "./generated/operations";
import { expectData, request } from "./support/client";
import { chargesFor, startCheckoutStack } from "./support/checkout-stack";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, signUpCustomer, stockOf } from "./support/shop";
import type { Stack } from "./support/stack";

let stack: Stack;
let admin: { token: string };
let category: string;

beforeAll(async () => {
  stack = await startCheckoutStack();
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
}, 60_000);
afterAll(() => stack.stop());

/** Products priced 1000, 1001, … (minor units) in the order they are created. */
const products = (count: number, onHand = 10) =>
  createStockedProducts(stack, admin.token, category, count, { onHand, priceAmount: (index) => 1000 + index });
const cartOf = async (token: string) => (await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token })).cart;

describe("checkout through the gateway", () => {
  it("pays, commits the stock, empties the cart and records the timeline", async () => {
    const [a, b] = (await products(2, 10)) as [string, string];
    const customer = await customerWithCart(stack, [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 3 },
    ]);
    const result = await checkout(stack, customer.token);
    const order = result.data!.checkout;
    expect(order.__typename).toBe("Order");
    if (order.__typename !== "Order") return;
    expect(order.status).toBe("PAID");
    expect(order.items.map((item) => [item.product.id, item.quantity, item.unitPrice.amount]).sort()).toEqual(
      [
        [a, 2, 1000],
        [b, 3, 1001],
      ].sort(),
    );
    expect(order.total).toEqual({ amount: 2 * 1000 + 3 * 1001, currency: "USD" });
    expect(order.timeline.map((event) => event.status)).toEqual(["PENDING_PAYMENT", "PAID"]);
    expect(await stockOf(stack, a)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    expect(await stockOf(stack, b)).toEqual({ available: 7, onHand: 7, reserved: 0 });
    expect((await cartOf(customer.token)).itemCount).toBe(0);
    expect(await chargesFor(stack, [order.id])).toEqual([expect.objectContaining({ status: "SUCCEEDED", refunded_at: null })]);
  });

  it("answers EmptyCartError for an empty cart", async () => {
    const customer = await signUpCustomer(stack);
    const result = await checkout(stack, customer.token);
    expect(result.data!.checkout).toMatchObject({ __typename: "EmptyCartError", message: expect.stringMatching(/empty/) });
  });

  it("on a declined card cancels the order with the reason, returns the stock and keeps the cart", async () => {
    const [p] = (await products(1, 5)) as [string];
    const customer = await customerWithCart(stack, [{ productId: p, quantity: 2 }]);
    const result = (await checkout(stack, customer.token, { paymentToken: "pm_card_declined" })).data!.checkout;
    expect(result).toMatchObject({ __typename: "PaymentDeclinedError", reason: "Your card was declined." });
    if (result.__typename !== "PaymentDeclinedError") return;
    expect(result.order.status).toBe("CANCELLED");
    expect(result.order.timeline.at(-1)).toEqual({ status: "CANCELLED", note: "Your card was declined." });
    expect(await stockOf(stack, p)).toEqual({ available: 5, onHand: 5, reserved: 0 });
    expect((await cartOf(customer.token)).itemCount).toBe(2);
  });

  it("on a provider outage ends quickly as a cancelled order with the stock back and a clear error", async () => {
    const [p] = (await products(1, 5)) as [string];
    const customer = await customerWithCart(stack, [{ productId: p, quantity: 1 }]);
    const result = (await checkout(stack, customer.token, { paymentToken: "pm_card_unavailable" })).data!.checkout;
    expect(result).toMatchObject({ __typename: "PaymentUnavailableError", message: expect.stringMatching(/did not answer/) });
    if (result.__typename !== "PaymentUnavailableError") return;
    expect(result.order.status).toBe("CANCELLED");
    expect(await stockOf(stack, p)).toEqual({ available: 5, onHand: 5, reserved: 0 });
    expect((await cartOf(customer.token)).itemCount).toBe(1);
    expect(await chargesFor(stack, [result.order.id])).toEqual([]);
  });

  it("refuses bad input with BAD_USER_INPUT naming the field, and writes nothing", async () => {
    const [p] = (await products(1, 5)) as [string];
    const customer = await customerWithCart(stack, [{ productId: p, quantity: 1 }]);
    const badCountry = await checkout(stack, customer.token, {
      address: { name: "A", line1: "1 St", city: "X", postalCode: "1", country: "USA" },
    });
    expect(badCountry.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.shippingAddress.country" });
    const badToken = await checkout(stack, customer.token, { paymentToken: "tok_made_up" });
    expect(badToken.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.paymentToken" });
    const blankKey = await checkout(stack, customer.token, { key: "  " });
    expect(blankKey.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.idempotencyKey" });
    const anonymous = await checkout(stack, "");
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const rows = await stack.subgraphs.order!.database.sql`select 1 from checkouts where user_id = ${customer.id}`;
    expect(rows).toHaveLength(0);
    expect(await stockOf(stack, p)).toEqual({ available: 5, onHand: 5, reserved: 0 });
  });
});

describe("order totals", () => {
  it("refuses a cart whose total no order can hold with BAD_USER_INPUT, before holding any stock or writing anything", async () => {
    // 99 units (the most a cart line holds) at the highest price a product may have: 9,900,000,000 minor units.
    const [p] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 200, priceAmount: () => 100_000_000 })) as [string];
    // Only the line count is read back: the cart's own totals of such a line are an error of their own.
    const customer = await signUpCustomer(stack);
    const itemCount = `mutation($p: ID!) { addToCart(productId: $p, quantity: 99) { itemCount } }`;
    expect((await expectData(stack.gatewayUrl, itemCount, { p }, { token: customer.token })).addToCart).toEqual({ itemCount: 99 });
    const result = await checkout(stack, customer.token);
    expect(result.data).toBeNull();
    expect(result.errors).toMatchObject([
      { extensions: { code: "BAD_USER_INPUT", field: "input" }, message: expect.stringContaining("more than one order can hold") },
    ]);
    expect(result.errors?.[0]?.message).toMatch(/remove some units, or check out in several orders/);
    expect(await stockOf(stack, p)).toEqual({ available: 200, onHand: 200, reserved: 0 });
    const sql = stack.subgraphs.order!.database.sql;
    expect(await sql`select 1 from checkouts where user_id = ${customer.id}`).toHaveLength(0);
    expect(await sql`select 1 from orders where user_id = ${customer.id}`).toHaveLength(0);
    expect((await expectData(stack.gatewayUrl, `{ cart { itemCount } }`, {}, { token: customer.token })).cart).toEqual({ itemCount: 99 });
  });
});

describe("idempotency", () => {
  it("turns 20 concurrent submissions of one key into one order and one charge", async () => {
    const [p] = (await products(1, 10)) as [string];
    const customer = await customerWithCart(stack, [{ productId: p, quantity: 2 }]);
    const key = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => checkout(stack, customer.token, { key })));
    const ids = new Set(results.map((result) => (result.data?.checkout as { id?: string } | undefined)?.id));
    expect([...ids]).toHaveLength(1);
    const [orderId] = [...ids] as [string];
    expect(results.every((result) => result.data?.checkout.__typename === "Order")).toBe(true);
    expect(await chargesFor(stack, [orderId])).toEqual([expect.objectContaining({ status: "SUCCEEDED", attempts: 1 })]);
    expect(await stockOf(stack, p)).toEqual({ available: 8, onHand: 8, reserved: 0 });
    const orders = await stack.subgraphs.order!.database.sql`select id from orders where user_id = ${customer.id}`;
    expect(orders).toHaveLength(1);

    const replay = await checkout(stack, customer.token, { key });
    expect(replay.data!.checkout).toMatchObject({ __typename: "Order", id: orderId });
  });

  it("refuses the same key with another cart or another payment token", async () => {
    const [p, q] = (await products(2, 10)) as [string, string];
    const customer = await customerWithCart(stack, [{ productId: p, quantity: 1 }]);
    const key = crypto.randomUUID();
    const first = (await checkout(stack, customer.token, { key })).data!.checkout as { __typename: string; id: string };
    expect(first.__typename).toBe("Order");
    await customerCartAdd(customer.token, q);
    const otherCart = await checkout(stack, customer.token, { key });
    expect(otherCart.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.idempotencyKey" });
    expect(otherCart.errors?.[0]?.message).toMatch(/different cart/);
    const otherToken = await checkout(stack, customer.token, { key, paymentToken: "pm_card_declined" });
    expect(otherToken.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.idempotencyKey" });
    // The refused retries placed nothing: still the one checkout, one order and one charge of the first request.
    const sql = stack.subgraphs.order!.database.sql;
    expect(await sql`select order_id from checkouts where user_id = ${customer.id}`).toEqual([{ order_id: first.id }]);
    expect(await sql`select id from orders where user_id = ${customer.id}`).toEqual([{ id: first.id }]);
    expect(
      await sql`select order_id, attempts from simulated_charges where order_id in (select order_id from checkouts where user_id = ${customer.id})`,
    ).toEqual([{ order_id: first.id, attempts: 1 }]);
    expect(await stockOf(stack, p)).toEqual({ available: 9, onHand: 9, reserved: 0 });
    expect(await stockOf(stack, q)).toEqual({ available: 10, onHand: 10, reserved: 0 });
  });
});

async function customerCartAdd(token: string, productId: string) {
  await request(stack.gatewayUrl, `mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }`, { p: productId }, { token });
}

describe("cancelOrder", () => {
  it("refunds a paid order, returns its stock, and is idempotent", async () => {
    const [p] = (await products(1, 6)) as [string];
    const customer = await customerWithCart(stack, [{ productId: p, quantity: 2 }]);
    const order = (await checkout(stack, customer.token)).data!.checkout as { id: string };
    expect(await stockOf(stack, p)).toEqual({ available: 4, onHand: 4, reserved: 0 });

    const stranger = await signUpCustomer(stack);
    const refused = await request(stack.gatewayUrl, CancelOrderDocument, { id: order.id }, { token: stranger.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const { cancelOrder } = await expectData(stack.gatewayUrl, CancelOrderDocument, { id: order.id }, { token: customer.token });
    expect(cancelOrder.status).toBe("CANCELLED");
    expect(cancelOrder.timeline.map((event) => event.status)).toEqual(["PENDING_PAYMENT", "PAID", "CANCELLED"]);
    expect(cancelOrder.timeline.at(-1)!.note).toMatch(/refunded/);
    expect(await stockOf(stack, p)).toEqual({ available: 6, onHand: 6, reserved: 0 });
    expect((await chargesFor(stack, [order.id]))[0]!.refunded_at).not.toBeNull();

    const again = await expectData(stack.gatewayUrl, CancelOrderDocument, { id: order.id }, { token: customer.token });
    expect(again.cancelOrder.status).toBe("CANCELLED");
    expect(await stockOf(stack, p)).toEqual({ available: 6, onHand: 6, reserved: 0 });
  });
});
