import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrderSettings, type OrderSettings } from "@shop/order/settings";
import { generateInternalKeys, SUBGRAPHS, type ShopConfig } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import { request, type GraphQLResult } from "./support/client";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, signUpCustomer } from "./support/shop";
import { startStack, type Stack } from "./support/stack";
import { liveClient, pause, Watch } from "./support/subscriptions";

/**
 * Every client-facing error code, through the real gateway, in development and in production config: the exact
 * message, code, path and field, the HTTP status (README "Errors"), and nothing internal — no URL or address, no
 * serviceName, no raw subgraph response, no stack trace. Both modes answer alike: development adds detail to the
 * logs only.
 */

/** Anything a client must never see: addresses, Apollo's data-source internals, stack traces. */
const LEAK = /https?:\/\/|127\.0\.0\.1|localhost|::1|serviceName|"response"|statusText|stacktrace|exception|ECONNREFUSED|\bat .+:\d+:\d+/;
const NO_CART_YET = "No cart yet: sign in, or add a product (addToCart) to start a guest cart and send its guestToken in x-cart-token";
const NOT_ANSWERED = "A backing service did not answer: retry shortly";
const TOTAL_PRODUCTS = `{ products(first: 1) { totalCount } }`;

interface Shop {
  stack: Stack;
  customer: { token: string; id: string; email: string };
  admin: { token: string; id: string };
  category: string;
  /** A gateway signing with a key the subgraphs do not know: every subgraph refuses its calls. */
  misconfigured: Started;
  /** A gateway whose product subgraph was started, then stopped for real. */
  productDown: Started;
  stops: (() => Promise<void>)[];
}

type Started = { url: string; stop(): Promise<void> };

interface Expected {
  status: number;
  message: string;
  code: string;
  path?: (string | number)[];
  /** Extensions besides `code` (e.g. `field`); nothing else may be there. */
  extensions?: Record<string, unknown>;
  /** What was answered beside the error, when anything was. */
  data?: unknown;
}

interface Case {
  name: string;
  run: (shop: Shop) => Promise<{ result: GraphQLResult<unknown>; expected: Expected }>;
}

const CASES: Case[] = [
  {
    name: "BAD_USER_INPUT: signUp with a malformed email",
    run: async ({ stack }) => ({
      result: await request(stack.gatewayUrl, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: { email: "not-an-email", password: "a long password", name: "Malformed" },
      }),
      expected: {
        status: 200,
        message: "input.email: must be a valid email address",
        code: "BAD_USER_INPUT",
        path: ["signUp"],
        extensions: { field: "input.email" },
      },
    }),
  },
  {
    name: "UNAUTHENTICATED: logIn with a wrong password",
    run: async ({ stack, customer }) => ({
      result: await request(stack.gatewayUrl, `mutation($email: String!) { logIn(email: $email, password: "wrongwrong") { token } }`, {
        email: customer.email,
      }),
      expected: { status: 200, message: "Email or password is wrong", code: "UNAUTHENTICATED", path: ["logIn"] },
    }),
  },
  {
    name: "UNAUTHENTICATED: a bad bearer token refuses the whole request",
    run: async ({ stack }) => ({
      result: await request(stack.gatewayUrl, `{ me { id } }`, {}, { headers: { authorization: "Bearer not.a.jwt" } }),
      expected: { status: 401, message: "The token is not valid: sign in again", code: "UNAUTHENTICATED" },
    }),
  },
  {
    name: "UNAUTHENTICATED: no token where one is needed",
    run: async ({ stack }) => ({
      result: await request(stack.gatewayUrl, `{ cart { itemCount } }`),
      expected: { status: 200, message: NO_CART_YET, code: "UNAUTHENTICATED", path: ["cart"] },
    }),
  },
  {
    name: "FORBIDDEN: a customer creating a product",
    run: async ({ stack, customer, category }) => ({
      result: await request(
        stack.gatewayUrl,
        `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
        { input: { sku: `SKU-${crypto.randomUUID().slice(0, 8)}`, title: "Not yours to sell", priceAmount: 100, categorySlug: category } },
        { token: customer.token },
      ),
      expected: { status: 200, message: "Only an ADMIN may do this", code: "FORBIDDEN", path: ["createProduct"] },
    }),
  },
  {
    name: "NOT_FOUND: adding an unknown product to the cart (cart asks product, a sibling call)",
    run: async ({ stack, customer }) => {
      const productId = crypto.randomUUID();
      return {
        result: await request(
          stack.gatewayUrl,
          `mutation($id: ID!) { addToCart(productId: $id) { itemCount } }`,
          { id: productId },
          { token: customer.token },
        ),
        expected: {
          status: 200,
          message: `Product ${productId} does not exist`,
          code: "NOT_FOUND",
          path: ["addToCart"],
          extensions: { entity: "Product", id: productId },
        },
      };
    },
  },
  {
    name: "CONFLICT: cancelling an order whose payment is still being processed",
    run: async (shop) => {
      const { orderId, buyer, settled } = await orderWithPaymentInFlight(shop);
      const result = await request(
        shop.stack.gatewayUrl,
        `mutation($id: ID!) { cancelOrder(id: $id) { id } }`,
        { id: orderId },
        { token: buyer.token },
      );
      await settled;
      return {
        result,
        expected: {
          status: 200,
          message: "id: the order's payment is still being processed: retry in a moment",
          code: "CONFLICT",
          path: ["cancelOrder"],
          extensions: { field: "id" },
        },
      };
    },
  },
  {
    name: "RATE_LIMITED: logIn past its limit per account and address refuses the whole request with 429",
    run: async ({ stack }) => {
      const logIn = (email: string) =>
        request(stack.gatewayUrl, `mutation($email: String!) { logIn(email: $email, password: "wrongwrong") { token } }`, { email });
      const email = `limited-${crypto.randomUUID()}@example.com`;
      // The test stack keeps this limit's default: 10 attempts per account and address in 15 minutes.
      for (let attempt = 0; attempt < 10; attempt++) expect((await logIn(email)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const result = await logIn(email);
      const retryAfter = result.errors?.[0]?.extensions?.retryAfter as number;
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 15 * 60).toBe(true);
      return {
        result,
        expected: {
          status: 429,
          message: "Too many sign-in attempts: retry later",
          code: "RATE_LIMITED",
          path: ["logIn"],
          extensions: { retryAfter },
        },
      };
    },
  },
  {
    name: "SERVICE_UNAVAILABLE: the product subgraph is stopped",
    run: async ({ productDown }) => ({
      result: await request(productDown.url, TOTAL_PRODUCTS),
      expected: { status: 503, message: NOT_ANSWERED, code: "SERVICE_UNAVAILABLE" },
    }),
  },
  {
    name: "SERVICE_UNAVAILABLE beside data that could be answered: 200",
    run: async ({ productDown, customer }) => ({
      result: await request(
        productDown.url,
        `query($id: ID) { me { id } product(id: $id) { title } }`,
        { id: crypto.randomUUID() },
        { token: customer.token },
      ),
      expected: { status: 200, message: NOT_ANSWERED, code: "SERVICE_UNAVAILABLE", data: { me: { id: customer.id }, product: null } },
    }),
  },
  {
    name: "INTERNAL: subgraphs refuse the gateway's calls (a gateway key the subgraphs do not know)",
    run: async ({ misconfigured }) => ({
      result: await request(misconfigured.url, TOTAL_PRODUCTS),
      expected: { status: 200, message: "Internal server error", code: "INTERNAL_SERVER_ERROR" },
    }),
  },
];

/** Errors delivered over the gateway's WebSocket must be just as clean. */
const SOCKET_CASES: Case[] = [
  {
    name: "FORBIDDEN over the socket: following someone else's (here: an unknown) order",
    run: async ({ stack, customer }) => {
      const orderId = crypto.randomUUID();
      const errors = await overSocket(stack.gatewayUrl, customer.token, `subscription($id: ID!) { orderUpdated(id: $id) { status } }`, {
        id: orderId,
      });
      return {
        result: { status: 200, errors },
        expected: {
          status: 200,
          message: `Order ${orderId} is not one of your orders: you can follow only your own`,
          code: "FORBIDDEN",
          path: ["orderUpdated"],
        },
      };
    },
  },
  {
    name: "SERVICE_UNAVAILABLE over the socket: a query while the product subgraph is stopped",
    run: async ({ productDown, customer }) => ({
      result: { status: 200, errors: await overSocket(productDown.url, customer.token, TOTAL_PRODUCTS) },
      expected: { status: 200, message: NOT_ANSWERED, code: "SERVICE_UNAVAILABLE" },
    }),
  },
  {
    name: "INTERNAL over the socket: a query the subgraphs refuse",
    run: async ({ misconfigured, customer }) => ({
      result: { status: 200, errors: await overSocket(misconfigured.url, customer.token, TOTAL_PRODUCTS) },
      expected: { status: 200, message: "Internal server error", code: "INTERNAL_SERVER_ERROR" },
    }),
  },
];

describe.each(["development", "production"] as const)("client-facing errors in %s", (env) => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop(env);
  }, 120_000);
  afterAll(async () => {
    for (const stop of shop.stops.reverse()) await stop();
  });

  it.each(CASES.map((each) => [each.name, each] as const))("%s", async (_, { run }) => {
    const { result, expected } = await run(shop);
    expectClean(result, expected);
  });

  it.each(SOCKET_CASES.map((each) => [each.name, each] as const))("%s", async (_, { run }) => {
    const { result, expected } = await run(shop);
    expectClean(result, expected);
  });
});

function expectClean(result: GraphQLResult<unknown>, expected: Expected) {
  expect(result.errors).toEqual([
    {
      message: expected.message,
      ...(expected.path && { path: expected.path }),
      extensions: { code: expected.code, ...expected.extensions },
    },
  ]);
  expect(result.status).toBe(expected.status);
  if (expected.data !== undefined) expect(result.data).toEqual(expected.data);
  expect(JSON.stringify(result)).not.toMatch(LEAK);
}

/** The whole shop in `env` mode, plus the two broken gateways the SERVICE_UNAVAILABLE and INTERNAL cases need. */
async function startShop(env: ShopConfig["env"]): Promise<Shop> {
  const config = testConfig();
  config.env = env;
  // A charge with `pm_card_unavailable` hangs until this timeout: long enough to try cancelling its order meanwhile.
  const order: OrderSettings = {
    ...loadOrderSettings(),
    // Production refuses to start without a provider: this shop is a staging one.
    paymentProvider: "simulated",
    payments: { timeoutMs: 3000, maxAttempts: 1, breakerThreshold: 50, breakerCooldownMs: 1000 },
  };
  const stack = await startStack(config, SUBGRAPHS, { gateway: true, settings: { order } });
  const stops = [() => stack.stop()];
  const { startGateway } = await import("@shop/gateway");
  const misconfigured = await startGateway({ ...config, internalKeys: generateInternalKeys() });
  stops.push(misconfigured.stop);
  // A product subgraph of its own, so stopping it leaves the stack's product subgraph serving the other cases.
  const { startProductSubgraph } = await import("@shop/product");
  const doomed = await startProductSubgraph({
    ...config,
    subgraphs: { ...config.subgraphs, product: { ...config.subgraphs.product, port: 0 } },
  });
  const productDown = await startGateway({
    ...config,
    subgraphs: { ...config.subgraphs, product: { ...config.subgraphs.product, url: doomed.url } },
  });
  stops.push(productDown.stop);
  await doomed.stop();
  const admin = await signInAdmin(stack);
  return {
    stack,
    customer: await signUpCustomer(stack, "Errors"),
    admin,
    category: await createCategory(stack),
    misconfigured,
    productDown,
    stops,
  };
}

/** A checkout charging `pm_card_unavailable` (it hangs until the payment timeout) and the order it created meanwhile. */
async function orderWithPaymentInFlight({ stack, admin, category }: Shop) {
  const [productId] = (await createStockedProducts(stack, admin.token, category, 1)) as [string];
  const buyer = await customerWithCart(stack, [{ productId, quantity: 1 }], "Conflict");
  const settled = checkout(stack, buyer.token, { paymentToken: "pm_card_unavailable" });
  for (let attempt = 0; attempt < 100; attempt++) {
    const page = await request(stack.gatewayUrl, `{ myOrders(first: 1) { edges { node { id status } } } }`, {}, { token: buyer.token });
    const order = (page.data as { myOrders: { edges: { node: { id: string; status: string } }[] } } | null)?.myOrders.edges[0]?.node;
    if (order?.status === "PENDING_PAYMENT") return { orderId: order.id, buyer, settled };
    await pause(20);
  }
  throw new Error("The checkout never created its order");
}

/** The errors one operation ends with over the gateway's graphql-ws socket. */
async function overSocket(gatewayUrl: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const live = liveClient(gatewayUrl, token);
  const watch = new Watch(live.client, query, variables);
  try {
    const errors = await watch.until(
      () => (watch.error as GraphQLResult<unknown>["errors"]) ?? watch.values.find((value) => value.errors?.length)?.errors,
      "errors",
    );
    return errors as GraphQLResult<unknown>["errors"];
  } finally {
    watch.dispose();
    await live.dispose();
  }
}
