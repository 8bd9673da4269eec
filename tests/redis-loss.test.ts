import { afterAll, beforeAll, expect, it } from "vitest";
import { Redis } from "ioredis";
import { expectData } from "./support/client";
import { startCheckoutStack } from "./support/checkout-stack";
import { checkout, createCategory, createStockedProducts, signInAdmin, signUpCustomer, stockOf } from "./support/shop";
import type { Stack } from "./support/stack";

// Its own databases and Redis database: wiping Redis (FLUSHDB, FLUSHALL scoped to the stack under test) must not
// disturb the test files running beside it.
let stack: Stack;
let redis: Redis;

beforeAll(async () => {
  stack = await startCheckoutStack({ isolated: { name: "redisloss", redisDb: 5 }, paymentTimeoutMs: 20_000 });
  redis = new Redis(stack.config.redisUrl);
}, 60_000);
afterAll(async () => {
  redis.disconnect();
  await stack.stop();
});

it("survives Redis losing every key in the middle of a sale: no oversell, counters rebuilt, the sale goes on", async () => {
  const stock = 75;
  const admin = await signInAdmin(stack);
  const [product] = (await createStockedProducts(stack, admin.token, await createCategory(stack), 1, { onHand: stock })) as [string];
  const buyers = await Promise.all(Array.from({ length: 90 }, () => signUpCustomer(stack, "Loss")));
  await Promise.all(
    buyers.map((buyer) => expectData(stack.gatewayUrl, `mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }`, { p: product }, { token: buyer.token })),
  );
  const paidIn = (wave: Awaited<ReturnType<typeof checkout>>[]) => wave.filter((result) => result.data?.checkout.__typename === "Order").length;
  const wave = (from: number, to: number) => Promise.all(buyers.slice(from, to).map((buyer) => checkout(stack, buyer.token)));

  const before = await wave(0, 30);
  const during = wave(30, 60);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await redis.flushdb();
  const across = await during;
  const after = await wave(60, 90);

  // Every answer is an order or a refusal: losing Redis costs no request an error.
  for (const result of [...before, ...across, ...after]) {
    expect(["Order", "InsufficientStockError"]).toContain(result.data?.checkout.__typename);
  }
  expect(paidIn(before)).toBe(30);
  expect(paidIn(after)).toBeGreaterThan(0);
  const paid = paidIn(before) + paidIn(across) + paidIn(after);
  expect(paid).toBeLessThanOrEqual(stock);
  // Once no operation is in flight (the sweeper has returned any hold a refused checkout left), onHand = available + reserved.
  await expect.poll(() => stockOf(stack, product), { timeout: 20_000, interval: 250 }).toEqual({ available: stock - paid, onHand: stock - paid, reserved: 0 });
  expect(Number(await redis.get(`inventory:{stock}:available:${product}`))).toBe(stock - paid);
}, 120_000);
