import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectData } from "./support/client";
import { startCheckoutStack } from "./support/checkout-stack";
import { checkout, createCategory, createStockedProducts, signInAdmin, signUpCustomer, stockOf, type CartLine } from "./support/shop";
import type { Stack } from "./support/stack";

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
      const adds = lines(index).map((line, i) => `add${i}: addToCart(productId: "${line.productId}", quantity: ${line.quantity}) { itemCount }`);
      await expectData(stack.gatewayUrl, `mutation { clearCart { itemCount } ${adds.join(" ")} }`, {}, { token: customer.token });
    }),
  );
}

describe("flash sale through the gateway", () => {
  it.each([1, 2, 3])("round %i: 300 customers, 20 units → exactly 20 paid, 280 refused, nothing left or held", async () => {
    const [product] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: STOCK })) as [string];
    await fillCarts(() => [{ productId: product, quantity: 1 }]);

    const results = await Promise.all(customers.map((customer) => checkout(stack, customer.token)));
    const kinds = results.map((result) => result.data?.checkout.__typename ?? `error:${result.errors?.[0]?.extensions?.code}`);
    const count = (kind: string) => kinds.filter((k) => k === kind).length;
    expect(count("Order")).toBe(STOCK);
    expect(count("InsufficientStockError")).toBe(CUSTOMERS - STOCK);
    expect(await stockOf(stack, product)).toEqual({ available: 0, onHand: 0, reserved: 0 });
    const refused = results.find((result) => result.data?.checkout.__typename === "InsufficientStockError")!.data!.checkout;
    expect(refused).toMatchObject({ items: [{ product: { id: product }, requested: 1, available: 0 }] });
  }, 120_000);

  it("multi-line orders racing on overlapping products never oversell, and each is all or nothing", async () => {
    const stock = 15;
    const products = await createStockedProducts(stack, admin.token, category, 4, { onHand: stock });
    const racers = customers.slice(0, 80);
    // Deterministic "random" carts: 1–3 distinct products, 1–4 units each.
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const carts = racers.map(() => {
      const picked = [...products].sort(() => random(3) - 1).slice(0, 1 + random(3));
      return picked.map((productId) => ({ productId, quantity: 1 + random(4) }));
    });
    await fillCarts((index) => carts[index]!, racers);

    const results = await Promise.all(racers.map((customer) => checkout(stack, customer.token)));
    const sold = new Map(products.map((id) => [id, 0]));
    results.forEach((result, index) => {
      const outcome = result.data!.checkout;
      if (outcome.__typename === "Order") {
        const bought = outcome.items.map((item) => ({ productId: item.product.id, quantity: item.quantity }));
        expect(bought.sort((a, b) => a.productId.localeCompare(b.productId))).toEqual([...carts[index]!].sort((a, b) => a.productId.localeCompare(b.productId)));
        for (const line of bought) sold.set(line.productId, sold.get(line.productId)! + line.quantity);
      } else {
        expect(outcome.__typename).toBe("InsufficientStockError");
      }
    });
    for (const [productId, units] of sold) {
      expect(units).toBeLessThanOrEqual(stock);
      expect(await stockOf(stack, productId)).toEqual({ available: stock - units, onHand: stock - units, reserved: 0 });
    }
    expect([...sold.values()].some((units) => units > 0)).toBe(true);
  }, 120_000);
});
