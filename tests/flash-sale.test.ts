import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@shop/runtime/testing";
import { expectData } from "./support/client";
import { chargesFor, startCheckoutStack } from "./support/checkout-stack";
import { checkout, createCategory, createStockedProducts, signInAdmin, signUpCustomer, stockOf, type CartLine } from "./support/shop";
import { inventorySubgraphOf, type Stack } from "./support/stack";

const CUSTOMERS = 300;
const STOCK = 20;

let stack: Stack;
let admin: { token: string };
let category: string;
let customers: { token: string; id: string }[];

beforeAll(async () => {
  stack = await startCheckoutStack({ paymentTimeoutMs: 20_000 });
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
  customers = [];
  for (let batch = 0; batch < CUSTOMERS; batch += 50) {
    customers.push(...(await Promise.all(Array.from({ length: 50 }, () => signUpCustomer(stack, "Flash")))));
  }
}, 120_000);
afterAll(() => stack.stop());

async function fillCarts(lines: (customerIndex: number) => CartLine[], who = customers) {
  await Promise.all(
    who.map(async (customer, index) => {
      // One request per customer: clear the cart, then add each line (root mutation fields run in order).
      const adds = lines(index).map(
        (line, i) => `add${i}: addToCart(productId: "${line.productId}", quantity: ${line.quantity}) { itemCount }`,
      );
      await expectData(stack.gatewayUrl, `mutation { clearCart { itemCount } ${adds.join(" ")} }`, {}, { token: customer.token });
    }),
  );
}

type CheckoutResult = Awaited<ReturnType<typeof checkout>>;
type Outcome = NonNullable<CheckoutResult["data"]>["checkout"];
type Refusal = Extract<Outcome, { __typename: "InsufficientStockError" }>;

/** The id of a checkout that sold: an order that is PAID, not merely an order. */
const paidOrderId = (result: CheckoutResult) =>
  result.data?.checkout.__typename === "Order" && result.data.checkout.status === "PAID" ? result.data.checkout.id : null;

/** Every sold order charged once: one ledger row each, succeeded on the first attempt, not refunded. */
async function expectOneChargeEach(orderIds: string[]) {
  const charges = await chargesFor(stack, orderIds);
  expect(charges.map((charge) => charge.order_id).sort()).toEqual([...orderIds].sort());
  for (const charge of charges) expect(charge).toMatchObject({ status: "SUCCEEDED", attempts: 1, refunded_at: null });
}

/** The invariant checker: the Redis counters of these products equal PostgreSQL (onHand − held). */
async function expectCountersMatch(productIds: string[]) {
  expect(await inventorySubgraphOf(stack).checkInvariant(productIds)).toEqual([]);
}

describe("flash sale through the gateway", () => {
  it.each([1, 2, 3])(
    "round %i: 300 customers, 20 units → exactly 20 paid, 280 refused, nothing left or held",
    async () => {
      const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: STOCK })) as [string];
      await fillCarts(() => [{ productId: product, quantity: 1 }]);

      const results = await Promise.all(customers.map((customer) => checkout(stack, customer.token)));
      const sold = results.map(paidOrderId).filter((id): id is string => id !== null);
      const refused = results.flatMap((result) =>
        result.data?.checkout.__typename === "InsufficientStockError" ? [result.data.checkout] : [],
      );
      expect(sold).toHaveLength(STOCK);
      expect(refused).toHaveLength(CUSTOMERS - STOCK);
      // Each refusal names the one line and a stock that could not serve it.
      for (const refusal of refused) expect(refusal.items).toEqual([{ product: { id: product }, requested: 1, available: 0 }]);
      expect(await stockOf(stack, product)).toEqual({ available: 0, onHand: 0, reserved: 0 });
      await expectOneChargeEach(sold);
      await expectCountersMatch([product]);
    },
    120_000,
  );

  it("multi-line orders racing on overlapping products never oversell, and each is all or nothing", async () => {
    const stock = 15;
    const products = await createStockedProducts(stack, admin.token, category, 4, { onHand: stock });
    const racers = customers.slice(0, 80);
    // Random carts: 1–3 distinct products, 1–4 units each.
    const random = seededRandom();
    const carts = racers.map(() => {
      const picked = [...products].sort(() => random.int(3) - 1).slice(0, 1 + random.int(3));
      return picked.map((productId) => ({ productId, quantity: 1 + random.int(4) }));
    });
    await fillCarts((index) => carts[index]!, racers);

    const results = await Promise.all(racers.map((customer) => checkout(stack, customer.token)));
    const byProduct = (lines: { productId: string; quantity: number }[]) =>
      [...lines].sort((a, b) => a.productId.localeCompare(b.productId));
    const sold = new Map(products.map((id) => [id, 0]));
    const soldOrders: string[] = [];
    const refusals: { cart: { productId: string; quantity: number }[]; refusal: Refusal }[] = [];
    results.forEach((result, index) => {
      const outcome = result.data!.checkout;
      if (outcome.__typename === "Order") {
        expect(outcome.status).toBe("PAID");
        const bought = outcome.items.map((item) => ({ productId: item.product.id, quantity: item.quantity }));
        expect(byProduct(bought)).toEqual(byProduct(carts[index]!));
        for (const line of bought) sold.set(line.productId, sold.get(line.productId)! + line.quantity);
        soldOrders.push(outcome.id);
      } else {
        expect(outcome.__typename).toBe("InsufficientStockError");
        refusals.push({ cart: carts[index]!, refusal: outcome as Refusal });
      }
    });
    const final = new Map<string, number>();
    for (const [productId, units] of sold) {
      expect(units).toBeLessThanOrEqual(stock);
      expect(await stockOf(stack, productId)).toEqual({ available: stock - units, onHand: stock - units, reserved: 0 });
      final.set(productId, stock - units);
    }
    // A refusal is true: each line it names is a line of the cart that stock really could not serve. Nothing is
    // given back in this race, so stock at the end is at most what the refusal saw.
    for (const { cart, refusal } of refusals) {
      expect(refusal.items.length).toBeGreaterThan(0);
      for (const item of refusal.items) {
        expect(cart).toContainEqual({ productId: item.product.id, quantity: item.requested });
        expect(item.available).toBeLessThan(item.requested);
        expect(final.get(item.product.id)!).toBeLessThanOrEqual(item.available);
      }
    }
    expect(soldOrders.length).toBeGreaterThan(0);
    await expectOneChargeEach(soldOrders);
    await expectCountersMatch(products);
  }, 120_000);
});
