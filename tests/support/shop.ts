import { seedProducts } from "@shop/product/seed";
import { seedUsers } from "@shop/user/seed";
import { signUserToken } from "@shop/runtime";
import { customer } from "@shop/runtime/testing";
import {
  AddToCartDocument,
  CheckoutDocument,
  CreateProductDocument,
  LogInDocument,
  SetStockDocument,
  SignUpDocument,
  StockOfDocument,
  type AddToCartMutationVariables,
} from "../generated/operations";
import { expectData, request } from "./client";
import type { Stack } from "./stack";

/** A customer signed up through the gateway, with a unique email. */
export async function signUpCustomer(stack: Stack, name = "Customer") {
  const email = `${name.toLowerCase().replace(/\W/g, "")}-${crypto.randomUUID()}@example.com`;
  const { signUp } = await expectData(stack.gatewayUrl, SignUpDocument, { input: { email, password: "customer password", name } });
  return { token: signUp.token, id: signUp.user.id, email };
}

/** The configured admin (seeded idempotently), signed in through the gateway. */
export async function signInAdmin(stack: Stack) {
  await seedUsers(stack.config);
  const { logIn } = await expectData(stack.gatewayUrl, LogInDocument, {
    email: stack.config.admin.email,
    password: stack.config.admin.password,
  });
  return { token: logIn.token, id: logIn.user.id };
}

/** A fresh category (unique slug) created through the product seed, since categories have no public mutation. */
export async function createCategory(stack: Stack): Promise<string> {
  const slug = `cat-${crypto.randomUUID().slice(0, 8)}`;
  await seedProducts(stack.config, { categories: [{ slug, name: `Category ${slug}`, description: "test" }], products: [] });
  return slug;
}

/** Products created and stocked by an admin through the gateway, as a shop owner would. */
export async function createStockedProducts(
  stack: Stack,
  adminToken: string,
  categorySlug: string,
  count: number,
  options: { onHand?: number; priceAmount?: (index: number) => number } = {},
) {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const sku = `SKU-${crypto.randomUUID().slice(0, 12).toUpperCase()}`;
    const { createProduct } = await expectData(
      stack.gatewayUrl,
      CreateProductDocument,
      { input: { sku, title: `Product ${sku}`, priceAmount: options.priceAmount?.(index) ?? 1000 + index, categorySlug } },
      { token: adminToken },
    );
    await expectData(
      stack.gatewayUrl,
      SetStockDocument,
      { productId: createProduct.id, onHand: options.onHand ?? 10 },
      { token: adminToken },
    );
    ids.push(createProduct.id);
  }
  return ids;
}

export const ADDRESS = { name: "Ada Lovelace", line1: "12 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" };

/** Checks the viewer's cart out through the gateway; returns the raw result (data or errors). */
export function checkout(
  stack: Stack,
  token: string,
  options: { key?: string; paymentToken?: string; address?: Record<string, unknown> } = {},
) {
  return request(
    stack.gatewayUrl,
    CheckoutDocument,
    {
      input: {
        idempotencyKey: options.key ?? crypto.randomUUID(),
        shippingAddress: (options.address ?? ADDRESS) as typeof ADDRESS,
        paymentToken: options.paymentToken ?? "pm_card_visa",
      },
    },
    { token },
  );
}

/** available / onHand / reserved of a product, as a client sees them through the gateway. */
export async function stockOf(stack: Stack, productId: string) {
  // As of now: a signed-in read, which the shared response cache never answers (anonymous readers may be shown stock
  // up to its 5 s max-age old, by design).
  const token = await signUserToken(stack.config.jwt.secret, customer(), 300);
  const { product } = await expectData(stack.gatewayUrl, StockOfDocument, { id: productId }, { token });
  return product!.inventory;
}

/** A line of a cart: what addToCart takes. */
export type CartLine = AddToCartMutationVariables;

/** A signed-up customer with `quantity` of each product in their cart. */
export async function customerWithCart(stack: Stack, lines: CartLine[], name = "Buyer") {
  const customer = await signUpCustomer(stack, name);
  for (const line of lines) {
    await expectData(stack.gatewayUrl, AddToCartDocument, line, { token: customer.token });
  }
  return customer;
}
