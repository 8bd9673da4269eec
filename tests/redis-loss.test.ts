import { afterAll, beforeAll, expect, it } from "vitest";
import { availableKey } from "../subgraphs/inventory/src/services/stock/counter-keys";
import { loseInventoryKeys } from "../subgraphs/inventory/test/fixtures";
import { expectData } from "./support/client";
import { chargesFor, startCheckoutStack } from "./support/checkout-stack";
import { checkout, createCategory, createStockedProducts, signInAdmin, signUpCustomer, stockOf } from "./support/shop";
import { inventorySubgraphOf, type Stack } from "./support/stack";

// Its own databases and stock keys (`isolate`, @shop/runtime/testing): losing every stock key must not disturb the test
// files running beside it.
let stack: Stack;
const inventory = () => inventorySubgraphOf(stack);

beforeAll(async () => {
  stack = await startCheckoutStack({ isolated: { name: "redisloss" }, paymentTimeoutMs: 20_000 });
}, 60_000);
afterAll(() => stack.stop());

type CheckoutResult = Awaited<ReturnType<typeof checkout>>;
const paidOrderIds = (wave: CheckoutResult[]) =>
  wave.flatMap((result) =>
    result.data?.checkout.__typename === "Order" && result.data.checkout.status === "PAID" ? [result.data.checkout.id] : [],
  );

it("survives Redis losing every stock key in the middle of a sale: every wave sells exactly what stock allows", async () => {
  const stock = 75;
  const admin = await signInAdmin(stack);
  const [product] = (await createStockedProducts(stack, admin.token, await createCategory(stack), 1, { onHand: stock })) as [string];
  const buyers = await Promise.all(Array.from({ length: 90 }, () => signUpCustomer(stack, "Loss")));
  await Promise.all(
    buyers.map((buyer) =>
      expectData(
        stack.gatewayUrl,
        `mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }`,
        { p: product },
        { token: buyer.token },
      ),
    ),
  );
  const counter = async () => Number(await inventory().redis.get(availableKey(product)));
  const wave = (from: number, to: number) => buyers.slice(from, to).map((buyer) => checkout(stack, buyer.token));

  const before = await Promise.all(wave(0, 30));
  expect(paidOrderIds(before)).toHaveLength(30);
  expect(await counter()).toBe(stock - 30);

  // The loss comes at a proven point: a checkout of the second wave has taken its unit in Redis (the counter moved)
  // and the wave has not finished.
  const second = wave(30, 60);
  let answered = 0;
  const count = () => void (answered += 1);
  for (const result of second) result.then(count, count);
  let counterMoved = false;
  while (!counterMoved && answered < second.length) counterMoved = (await counter()) < stock - 30;
  await loseInventoryKeys(inventory());
  expect(counterMoved).toBe(true);
  expect(answered).toBeLessThan(second.length);
  const across = await Promise.all(second);
  const after = await Promise.all(wave(60, 90));

  // 75 units, 90 buyers of one each: the first 75 to reserve buy, whether Redis is there or being rebuilt.
  expect(paidOrderIds(across)).toHaveLength(30);
  expect(paidOrderIds(after)).toHaveLength(15);
  const refused = after.filter((result) => result.data?.checkout.__typename === "InsufficientStockError");
  expect(refused).toHaveLength(15);
  for (const result of refused)
    expect(result.data!.checkout).toMatchObject({ items: [{ product: { id: product }, requested: 1, available: 0 }] });

  const sold = paidOrderIds([...before, ...across, ...after]);
  expect(await stockOf(stack, product)).toEqual({ available: 0, onHand: 0, reserved: 0 });
  expect(await counter()).toBe(0);
  expect(await inventory().checkInvariant([product])).toEqual([]);
  const charges = await chargesFor(stack, sold);
  expect(charges.map((charge) => charge.order_id).sort()).toEqual([...sold].sort());
  expect(charges.every((charge) => charge.status === "SUCCEEDED" && charge.attempts === 1 && charge.refunded_at === null)).toBe(true);
}, 120_000);
