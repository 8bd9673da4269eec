import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "@shop/runtime/testing";
import {
  AddToCartDocument,
  MyAccountDocument,
  ProductsPageDocument,
  UpdateProductDocument,
  ViewerCartDocument,
} from "./generated/operations";
import { expectData, request } from "./support/client";
import { createCategory, createStockedProducts, signInAdmin, signUpCustomer } from "./support/shop";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
let admin: { token: string };
let categorySlug: string;
let productIds: string[];
/** The price each product is created with, by its index in `productIds`. */
const priceOf = (index: number) => 1000 + index;

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart", "order"], { gateway: true });
  admin = await signInAdmin(stack);
  categorySlug = await createCategory(stack);
  productIds = await createStockedProducts(stack, admin.token, categorySlug, 50, { onHand: 7, priceAmount: priceOf });
}, 120_000);
afterAll(() => stack.stop());

describe("the catalog through the gateway", () => {
  it("answers one query from three subgraphs: product, its category and its inventory", async () => {
    const { products } = await expectData(stack.gatewayUrl, ProductsPageDocument, { first: 5, filter: { categorySlug } });
    expect(products.totalCount).toBe(50);
    expect(products.edges).toHaveLength(5);
    for (const { node } of products.edges) {
      expect(node.title).toMatch(/^Product SKU-/);
      expect(node.price).toEqual({ amount: priceOf(productIds.indexOf(node.id)), currency: "USD" });
      expect(node.category.name).toBe(`Category ${categorySlug}`);
      expect(node.inventory.available).toBe(7);
    }
  });

  it("costs the same few SQL statements for a page of 50 as for a page of 5 (DataLoader, no query per product)", async () => {
    // Signed in, so the shared response cache (which answers anonymous pages it has seen) cannot hide the subgraphs' work.
    const statementsFor = async (first: number) => {
      const before = stack.statementCount();
      const { products } = await expectData(
        stack.gatewayUrl,
        ProductsPageDocument,
        { first, filter: { categorySlug } },
        { token: admin.token },
      );
      expect(products.edges).toHaveLength(first);
      return stack.statementCount() - before;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    // products page + totalCount (product), categories (product), stock levels (inventory)
    expect(fifty).toBeLessThanOrEqual(4);
  });
});

describe("a customer's cart through the gateway", () => {
  it("prices lines at the product's current price, and follows an admin's price change", async () => {
    const customer = await signUpCustomer(stack, "Shopper");
    const [first, second] = productIds as [string, string];
    await expectData(stack.gatewayUrl, AddToCartDocument, { productId: first, quantity: 2 }, { token: customer.token });
    const { addToCart } = await expectData(
      stack.gatewayUrl,
      AddToCartDocument,
      { productId: second, quantity: 1 },
      { token: customer.token },
    );
    expect(addToCart.itemCount).toBe(3);

    const before = (await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token: customer.token })).cart;
    const [line1, line2] = before.items as [(typeof before.items)[number], (typeof before.items)[number]];
    expect(line1.product.id).toBe(first);
    expect(line1.product.inventory.available).toBe(7);
    expect([line1.unitPrice.amount, line2.unitPrice.amount]).toEqual([priceOf(0), priceOf(1)]);
    expect(before.subtotal.amount).toBe(priceOf(0) * 2 + priceOf(1));

    await expectData(stack.gatewayUrl, UpdateProductDocument, { id: first, input: { priceAmount: 12345 } }, { token: admin.token });
    const after = (await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token: customer.token })).cart;
    expect(after.items[0]!.unitPrice).toEqual({ amount: 12345, currency: "USD" });
    expect(after.items[0]!.lineTotal.amount).toBe(24690);
    expect(after.subtotal).toEqual({ amount: 24690 + priceOf(1), currency: "USD" });
  });

  it("keeps each customer's cart to themselves", async () => {
    const [alice, bob] = await Promise.all([signUpCustomer(stack, "Alice"), signUpCustomer(stack, "Bob")]);
    await expectData(stack.gatewayUrl, AddToCartDocument, { productId: productIds[3]!, quantity: 4 }, { token: alice.token });
    const bobs = await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token: bob.token });
    expect(bobs.cart.itemCount).toBe(0);
    const account = await expectData(stack.gatewayUrl, MyAccountDocument, {}, { token: alice.token });
    expect(account.me).toMatchObject({ id: alice.id, cart: { itemCount: 4 }, orders: { totalCount: 0 } });
  });
});

describe("bad input through the gateway", () => {
  it.each([
    [
      "malformed email",
      `mutation { signUp(input: { email: "nope", password: "long enough", name: "A" }) { token } }`,
      "BAD_USER_INPUT",
      "input.email",
    ],
    [
      "short password",
      `mutation { signUp(input: { email: "a@b.co", password: "short", name: "A" }) { token } }`,
      "BAD_USER_INPUT",
      "input.password",
    ],
    ["malformed product id", `{ product(id: "not-an-id") { id } }`, "BAD_USER_INPUT", "id"],
  ])("%s → %s naming %s", async (_, query, code, field) => {
    const result = await request(stack.gatewayUrl, query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(result.errors?.[0]?.message).toContain(field);
  });

  it("rejects a non-positive quantity and a negative price, naming the field and writing nothing", async () => {
    const customer = await signUpCustomer(stack);
    const zero = await request(stack.gatewayUrl, AddToCartDocument, { productId: productIds[0]!, quantity: 0 }, { token: customer.token });
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "quantity" });
    expect((await expectData(stack.gatewayUrl, ViewerCartDocument, {}, { token: customer.token })).cart.itemCount).toBe(0);

    const negative = await request(
      stack.gatewayUrl,
      UpdateProductDocument,
      { id: productIds[1]!, input: { priceAmount: -1 } },
      { token: admin.token },
    );
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.priceAmount" });
    const { products } = await expectData(stack.gatewayUrl, ProductsPageDocument, { first: 50, filter: { categorySlug } });
    expect(products.edges.find((edge) => edge.node.id === productIds[1])!.node.price.amount).toBe(priceOf(1));
  });

  it("answers unknown ids with NOT_FOUND or null as the contract says", async () => {
    const unknown = crypto.randomUUID();
    const customer = await signUpCustomer(stack);
    expect((await request(stack.gatewayUrl, `{ product(id: "${unknown}") { id } }`)).data?.product).toBeNull();
    expect((await request(stack.gatewayUrl, `{ order(id: "${unknown}") { id } }`, {}, { token: customer.token })).data?.order).toBeNull();
    const add = await request(stack.gatewayUrl, AddToCartDocument, { productId: unknown, quantity: 1 }, { token: customer.token });
    expect(add.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const stock = await request(
      stack.gatewayUrl,
      `mutation { setStock(productId: "${unknown}", onHand: 1) { onHand } }`,
      {},
      { token: admin.token },
    );
    expect(stock.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("needs a token for the cart and the ADMIN role for catalog changes", async () => {
    const anonymous = await request(stack.gatewayUrl, ViewerCartDocument);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const customer = await signUpCustomer(stack);
    const forbidden = await request(
      stack.gatewayUrl,
      UpdateProductDocument,
      { id: productIds[2]!, input: { priceAmount: 1 } },
      { token: customer.token },
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const stock = await request(
      stack.gatewayUrl,
      `mutation { setStock(productId: "${productIds[2]}", onHand: 0) { onHand } }`,
      {},
      { token: customer.token },
    );
    expect(stock.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const { products } = await expectData(stack.gatewayUrl, ProductsPageDocument, { first: 50, filter: { categorySlug } });
    const untouched = products.edges.find((edge) => edge.node.id === productIds[2])!.node;
    expect(untouched.price.amount).toBe(priceOf(2));
    expect(untouched.inventory.available).toBe(7);
  });
});
