import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckoutDocument } from "./generated/operations";
import { request } from "./support/client";
import { startCheckoutStack } from "./support/checkout-stack";
import { startGatewayProcess } from "./support/gateway-process";
import { recordingProxy } from "./support/recording-proxy";
import { ADDRESS, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import type { Stack } from "./support/stack";

// One client request, followed through the shop: the request id and trace id a client sends (or the gateway makes up)
// reach every service it touches, sibling calls included, and every log line written for it carries them.

let stack: Stack;
let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
/** The calls cart and inventory receive (from the gateway and from the order service's checkout saga). */
let proxies: Awaited<ReturnType<typeof recordingProxy>>[];
let productId: string;

beforeAll(async () => {
  stack = await startCheckoutStack();
  const admin = await signInAdmin(stack);
  [productId] = (await createStockedProducts(stack, admin.token, await createCategory(stack), 1, { onHand: 50 })) as [string];
  const cartUrl = stack.config.subgraphs.cart.url;
  const inventoryUrl = stack.config.subgraphs.inventory.url;
  proxies = await Promise.all([recordingProxy(() => cartUrl), recordingProxy(() => inventoryUrl)]);
  stack.config.subgraphs.cart.url = proxies[0]!.url;
  stack.config.subgraphs.inventory.url = proxies[1]!.url;
  // A gateway process of this stack, logging at info: its stdout is what an operator's log pipeline would read.
  gateway = await startGatewayProcess(stack, { LOG_LEVEL: "info" });
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  await Promise.all((proxies ?? []).map((proxy) => proxy.close()));
  await stack?.stop();
});

const logLines = () => gateway.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
// The flags say "not sampled" (00): these services export no spans, and say so to the next hop.
const traceIdOf = (traceparent: string | null) => /^00-([0-9a-f]{32})-([0-9a-f]{16})-00$/.exec(traceparent ?? "")?.slice(1);

describe("request ids and trace context", () => {
  it("follow a checkout from the client through the gateway, the order saga and its sibling calls", async () => {
    const customer = await customerWithCart(stack, [{ productId, quantity: 1 }]);
    const seenFrom = proxies.map((proxy) => proxy.seen.length);
    const clientTrace = "0af7651916cd43dd8448eb211c80319c";
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${customer.token}`,
        "x-request-id": "client-checkout-1",
        traceparent: `00-${clientTrace}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({
        query: (await import("graphql")).print(CheckoutDocument),
        operationName: "Checkout",
        variables: { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
      }),
    });
    expect(response.headers.get("x-request-id")).toBe("client-checkout-1");
    expect(((await response.json()) as { data: { checkout: { status: string } } }).data.checkout.status).toBe("PAID");

    const calls = proxies.flatMap((proxy, index) => proxy.seen.slice(seenFrom[index]));
    // The order service read the cart, reserved and committed the stock and consumed the cart, all for this request.
    expect(calls.filter((call) => call.service === "order").map((call) => call.operationName)).toEqual(
      expect.arrayContaining(["CartLines", "ReserveStock", "CommitReservation", "ConsumeCartLines"]),
    );
    for (const call of calls) {
      expect({ op: call.operationName, requestId: call.requestId }).toEqual({ op: call.operationName, requestId: "client-checkout-1" });
      expect(traceIdOf(call.traceparent)?.[0]).toBe(clientTrace);
    }
    // Each hop is a span of its own.
    const spans = calls.map((call) => traceIdOf(call.traceparent)![1]);
    expect(new Set(spans).size).toBe(spans.length);
  });

  it("writes one access line per request, with the operation, its outcome and both ids", async () => {
    const answered = await request(gateway.url, `query ProductTitle($id: ID!) { product(id: $id) { title } }`, { id: productId });
    expect(answered.errors).toBeUndefined();
    // An invalid document is named by the operationName the client sent, as clients such as Apollo Client do.
    const refused = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query Broken { noSuchField }", operationName: "Broken" }),
    });
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      "GRAPHQL_VALIDATION_FAILED",
    );

    await expect
      .poll(() => logLines().filter((line) => line.msg === "request" && line.path === "/graphql").length)
      .toBeGreaterThanOrEqual(3);
    const access = logLines().filter((line) => line.msg === "request");
    const title = access.find((line) => line.operation === "ProductTitle");
    expect(title).toMatchObject({ service: "gateway", method: "POST", status: 200, outcome: "ok", errorCodes: [] });
    expect(title!.durationMs).toEqual(expect.any(Number));
    expect(title!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(title!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(access.find((line) => line.operation === "Broken")).toMatchObject({
      outcome: "error",
      errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
    });
    expect(access.find((line) => line.requestId === "client-checkout-1")).toMatchObject({ operation: "Checkout", outcome: "ok" });
    // Probes are asked every few seconds by an orchestrator: they get no access line.
    await fetch(new URL("/livez", gateway.url));
    expect(access.some((line) => String(line.path).endsWith("z"))).toBe(false);
  });
});
