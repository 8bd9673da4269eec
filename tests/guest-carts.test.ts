import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInternalKeys, signGuestCartToken, signInternalToken } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import {
  ArchiveProductDocument,
  CheckoutDocument,
  GuestAddToCartDocument,
  GuestCartDocument,
  LogInWithGuestCartDocument,
  SignUpWithGuestCartDocument,
  ViewerCartDocument,
  type GuestCartViewFragment,
} from "./generated/operations";
import { expectData, request } from "./support/client";
import { ADDRESS, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import { startStack, type Stack } from "./support/stack";

/**
 * Guest carts through the gateway (README "Guest carts"): a visitor's cart without an account, its token in
 * `x-cart-token`, merged into the account at signUp or logIn (once per guest cart), forged tokens refused, and
 * checkout still for accounts only.
 */

let stack: Stack;
let admin: { token: string };
let productIds: string[];
const PRICE = 1000;
const PASSWORD = "customer password";

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart", "order"], { gateway: true });
  admin = await signInAdmin(stack);
  productIds = await createStockedProducts(stack, admin.token, await createCategory(stack), 4, { priceAmount: () => PRICE });
}, 120_000);
afterAll(() => stack.stop());

const cartToken = (token: string) => ({ headers: { "x-cart-token": token } });

/** Adds to the visitor's guest cart (a new one when `token` is undefined); answers the cart. */
async function guestAdd(productId: string, quantity: number, token?: string): Promise<GuestCartViewFragment> {
  const answer = await request(stack.gatewayUrl, GuestAddToCartDocument, { productId, quantity }, token ? cartToken(token) : {});
  expect(answer.errors).toBeUndefined();
  return answer.data!.addToCart;
}

/** A visitor's guest cart holding `lines`, in that order; answers its latest token. */
async function guestCartWith(lines: [productId: string, quantity: number][]): Promise<{ id: string; token: string }> {
  let cart: GuestCartViewFragment | undefined;
  for (const [productId, quantity] of lines) cart = await guestAdd(productId, quantity, cart?.guestToken ?? undefined);
  return { id: cart!.id, token: cart!.guestToken! };
}

/** The signed-in customer's cart lines as [productId, quantity], in cart order. */
async function accountLines(token: string) {
  const { cart } = await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token });
  return cart.items.map((item) => [item.product.id, item.quantity]);
}

const logIn = (email: string, guestCartToken: string) =>
  request(stack.gatewayUrl, LogInWithGuestCartDocument, { email, password: PASSWORD, guestCartToken });

describe("a visitor without an account", () => {
  it("gets a guest cart from the first addToCart, priced like any cart, and keeps it by sending its token back", async () => {
    const [a, b] = productIds as [string, string];
    const first = await guestAdd(a, 2);
    expect(first).toMatchObject({ itemCount: 2, subtotal: { amount: 2 * PRICE, currency: "USD" } });
    expect(decodeJwt(first.guestToken!)).toMatchObject({ sub: first.id, aud: "guest-cart" });

    const second = await guestAdd(b, 1, first.guestToken!);
    expect(second).toMatchObject({ id: first.id, itemCount: 3, subtotal: { amount: 3 * PRICE } });

    const read = await request(stack.gatewayUrl, GuestCartDocument, {}, cartToken(second.guestToken!));
    expect(read.data!.cart.items.map((item) => [item.product.id, item.quantity])).toEqual([
      [a, 2],
      [b, 1],
    ]);
    const none = await request(stack.gatewayUrl, GuestCartDocument);
    expect(none.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^No cart yet/), extensions: { code: "UNAUTHENTICATED" } });
  });

  it("never sees another guest's cart, even when both ask at the same moment", async () => {
    const [a, b] = productIds as [string, string];
    const one = await guestCartWith([[a, 1]]);
    const other = await guestCartWith([[b, 3]]);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => request(stack.gatewayUrl, GuestCartDocument, {}, cartToken(i % 2 ? other.token : one.token))),
    );
    answers.forEach((answer, i) => expect(answer.data!.cart.id).toBe(i % 2 ? other.id : one.id));
  });

  it("is told that checkout needs an account", async () => {
    const guest = await guestCartWith([[productIds[0]!, 1]]);
    const answer = await request(
      stack.gatewayUrl,
      CheckoutDocument,
      { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
      cartToken(guest.token),
    );
    expect(answer.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Checkout needs an account: sign in .* guestCartToken/),
      extensions: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("merging a guest cart at sign-in", () => {
  it("guest cart → signUp: the new account's cart holds the lines, and the guest token names no cart any more", async () => {
    const [a, b] = productIds as [string, string];
    const guest = await guestCartWith([
      [a, 2],
      [b, 1],
    ]);
    const email = `guest-${crypto.randomUUID()}@example.com`;
    const { signUp } = await expectData(stack.gatewayUrl, SignUpWithGuestCartDocument, {
      input: { email, password: PASSWORD, name: "Guest", guestCartToken: guest.token },
    });
    expect(signUp.cartMerge).toEqual({ merged: true, droppedLines: [], cappedLines: [] });
    expect(await accountLines(signUp.token)).toEqual([
      [a, 2],
      [b, 1],
    ]);
    const { cart } = await expectData(stack.gatewayUrl, GuestCartDocument, {}, { token: signUp.token });
    expect(cart.guestToken).toBeNull();

    const stale = await request(stack.gatewayUrl, GuestCartDocument, {}, cartToken(guest.token));
    expect(stale.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/no longer exists/),
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("merges the same guest cart once: two logIns at the same moment, then a third, sum the quantities once", async () => {
    const [a, , c] = productIds as [string, string, string];
    const customer = await customerWithCart(stack, [{ productId: a, quantity: 1 }], "Twice");
    const guest = await guestCartWith([
      [a, 2],
      [c, 1],
    ]);

    const racing = await Promise.all([logIn(customer.email, guest.token), logIn(customer.email, guest.token)]);
    for (const answer of racing) expect(answer.errors).toBeUndefined();
    expect(racing.map((answer) => answer.data!.logIn.cartMerge!.merged).sort()).toEqual([false, true]);
    const again = await logIn(customer.email, guest.token);
    expect(again.data!.logIn.cartMerge).toEqual({ merged: false, droppedLines: [], cappedLines: [] });

    expect(await accountLines(customer.token)).toEqual([
      [a, 3],
      [c, 1],
    ]);
  });

  it("caps a summed line at 99 units and drops archived products, saying so in cartMerge", async () => {
    const [a, , , archived] = productIds as [string, string, string, string];
    const customer = await customerWithCart(stack, [{ productId: a, quantity: 60 }], "Capped");
    const guest = await guestCartWith([
      [a, 50],
      [archived, 3],
    ]);
    await expectData(stack.gatewayUrl, ArchiveProductDocument, { id: archived }, { token: admin.token });

    const answer = await logIn(customer.email, guest.token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.logIn.cartMerge).toEqual({
      merged: true,
      droppedLines: [{ product: { id: archived, title: expect.stringMatching(/^Product SKU-/) }, quantity: 3, reason: "NO_LONGER_SOLD" }],
      cappedLines: [{ product: { id: a }, requested: 110, quantity: 99 }],
    });
    expect(await accountLines(customer.token)).toEqual([[a, 99]]);
  });
});

describe("forged cart tokens", () => {
  it("refuse the whole request with 401 UNAUTHENTICATED: garbage, another key, a changed cart id, an internal token, an expired one", async () => {
    const guest = await guestCartWith([[productIds[0]!, 1]]);
    const [header, payload, signature] = guest.token.split(".") as [string, string, string];
    const otherCart = Buffer.from(JSON.stringify({ ...decodeJwt(guest.token), sub: crypto.randomUUID() })).toString("base64url");
    const inFuture = new Date(Date.now() + 3_600_000);
    const forged = {
      garbage: "not-a-token",
      "another shop's key": await signGuestCartToken(generateInternalKeys(), guest.id, inFuture),
      "a changed cart id": `${header}.${otherCart}.${signature}`,
      "no signature": `${header}.${payload}.`,
      "an internal token": await signInternalToken(stack.config.internalKeys, { service: "cart", audience: "cart", viewer: null }),
    };
    for (const [what, token] of Object.entries(forged)) {
      const answer = await request(stack.gatewayUrl, GuestAddToCartDocument, { productId: productIds[1]!, quantity: 1 }, cartToken(token));
      expect(answer.status, what).toBe(401);
      expect(answer.errors?.[0], what).toMatchObject({
        message: "The cart token is not valid: drop it and start a new cart",
        extensions: { code: "UNAUTHENTICATED" },
      });
    }
    const expired = await signGuestCartToken(stack.config.internalKeys, guest.id, new Date(Date.now() - 1000));
    const late = await request(stack.gatewayUrl, GuestCartDocument, {}, cartToken(expired));
    expect(late.status).toBe(401);
    expect(late.errors?.[0]?.message).toMatch(/^The cart token has expired/);
    // Nothing reached the guest's cart.
    const after = await request(stack.gatewayUrl, GuestCartDocument, {}, cartToken(guest.token));
    expect(after.data!.cart.itemCount).toBe(1);
  });

  it("do not matter to a signed-in customer, whose account's cart is used whatever x-cart-token says", async () => {
    const [a] = productIds as [string];
    const customer = await customerWithCart(stack, [{ productId: a, quantity: 2 }], "Ignored");
    const answer = await request(
      stack.gatewayUrl,
      GuestCartDocument,
      {},
      {
        token: customer.token,
        headers: { "x-cart-token": "not-a-token" },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.data!.cart).toMatchObject({ guestToken: null, items: [{ quantity: 2, product: { id: a } }] });
  });

  it("refuse logIn and signUp before anything is done: no account is created for a forged token", async () => {
    const forged = await signGuestCartToken(generateInternalKeys(), crypto.randomUUID(), new Date(Date.now() + 3_600_000));
    const email = `forged-${crypto.randomUUID()}@example.com`;
    const signUp = await request(stack.gatewayUrl, SignUpWithGuestCartDocument, {
      input: { email, password: PASSWORD, name: "Forger", guestCartToken: forged },
    });
    expect(signUp.errors?.[0]).toMatchObject({
      message: "The cart token is not valid: drop it and start a new cart",
      extensions: { code: "UNAUTHENTICATED" },
    });
    const honest = await expectData(stack.gatewayUrl, SignUpWithGuestCartDocument, {
      input: { email, password: PASSWORD, name: "Honest" },
    });
    expect(honest.signUp.cartMerge).toBeNull();

    const logInAnswer = await logIn(email, forged);
    expect(logInAnswer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(logInAnswer.errors?.[0]?.message).toMatch(/cart token is not valid/);
  });
});
