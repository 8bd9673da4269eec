import { CloseCode } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin as adminViewer, callSubgraph, testConfig } from "@shop/runtime/testing";
import { SetStockDocument } from "./generated/operations";
import { expectData } from "./support/client";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin, signUpCustomer } from "./support/shop";
import { startStack, type Stack } from "./support/stack";
import { liveClient, updateOrderStatus, Watch } from "./support/subscriptions";

let stack: Stack;
let admin: { token: string; id: string };
let category: string;
const clients: { dispose(): unknown }[] = [];

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user", "product", "inventory", "cart", "order"], { gateway: true });
  admin = await signInAdmin(stack);
  category = await createCategory(stack);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack.stop();
});

/** A graphql-ws client of the gateway (anonymous without a token), disposed after the run. */
function connect(token?: string) {
  const live = liveClient(stack.gatewayUrl, token);
  clients.push(live);
  return live;
}

type Stock = { available: number; onHand: number; reserved: number; inStock: boolean; product: { id: string; title: string } };
const STOCK_CHANGED = `subscription($ids: [ID!]!) { stockChanged(productIds: $ids) { available onHand reserved inStock product { id title } } }`;

/** An anonymous stockChanged subscription on these products, once its first state of each has arrived. */
async function watchStock(productIds: string[]) {
  const watch = new Watch<{ stockChanged: Stock }>(connect().client, STOCK_CHANGED, { ids: productIds });
  for (const id of productIds) await watch.next((d) => d.stockChanged.product.id === id, `the current stock of ${id}`);
  return watch;
}

const stocks = (watch: Watch<{ stockChanged: Stock }>, productId: string) =>
  watch.values.map((value) => value.data!.stockChanged).filter((stock) => stock.product.id === productId);

const SET_STOCK = `mutation($productId: ID!, $onHand: Int!) { setStock(productId: $productId, onHand: $onHand) { onHand } }`;

function setStock(productId: string, onHand: number) {
  return expectData(stack.gatewayUrl, SetStockDocument, { productId, onHand }, { token: admin.token });
}

describe("stockChanged (anonymous)", () => {
  it("starts with the current stock, then follows setStock and a checkout, with fields of other subgraphs", async () => {
    const [productId, other] = (await createStockedProducts(stack, admin.token, category, 2, { onHand: 10 })) as [string, string];
    const watch = await watchStock([productId, other]);
    expect(stocks(watch, productId)[0]).toEqual({
      available: 10,
      onHand: 10,
      reserved: 0,
      inStock: true,
      product: { id: productId, title: expect.stringMatching(/^Product SKU-/) },
    });

    await setStock(productId, 7);
    await watch.next((d) => d.stockChanged.product.id === productId && d.stockChanged.onHand === 7, "setStock's 7 on hand");

    const buyer = await customerWithCart(stack, [{ productId, quantity: 3 }]);
    expect((await checkout(stack, buyer.token)).data!.checkout).toMatchObject({ __typename: "Order", status: "PAID" });
    // Reserved at checkout, then sold: the figures settle on what was left.
    const sold = await watch.next((d) => d.stockChanged.product.id === productId && d.stockChanged.onHand === 4, "the sale");
    expect(sold.stockChanged).toMatchObject({ available: 4, reserved: 0, inStock: true });
    // The other product never changed: only its first state arrived.
    expect(stocks(watch, other)).toHaveLength(1);

    // A second anonymous subscriber of the same products shares the first one's upstream subscription, and still
    // starts with the latest state of every product it follows, not only of the one that changed last.
    const second = await watchStock([productId, other]);
    expect(stocks(second, productId)[0]).toMatchObject({ onHand: 4, available: 4 });
    expect(stocks(second, other)[0]).toMatchObject({ onHand: 10, available: 10 });
  });

  it("reports a sold-out product as 0 available", async () => {
    const [productId] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 2 })) as [string];
    const watch = await watchStock([productId]);
    const buyer = await customerWithCart(stack, [{ productId, quantity: 2 }]);
    expect((await checkout(stack, buyer.token)).data!.checkout).toMatchObject({ status: "PAID" });
    const soldOut = await watch.next((d) => d.stockChanged.onHand === 0, "sold out");
    expect(soldOut.stockChanged).toMatchObject({ available: 0, reserved: 0, inStock: false });
  });

  it("coalesces a burst of 200 changes into a few updates, the last one carrying the final stock", async () => {
    const [productId] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 1000 })) as [string];
    const watch = await watchStock([productId]);
    const before = watch.values.length;
    // 200 real stock changes as fast as the inventory takes them, straight on the subgraph as an admin (the gateway
    // would spend the second on HTTP): every one commits and is announced like any other.
    const setOnSubgraph = async (onHand: number) => {
      const result = await callSubgraph(
        stack.config,
        "inventory",
        stack.subgraphs.inventory!.url,
        SET_STOCK,
        { productId, onHand },
        adminViewer(),
      );
      expect(result.errors).toBeUndefined();
    };
    const started = Date.now();
    for (let round = 0; round < 20; round++) await Promise.all(Array.from({ length: 10 }, (_, i) => setOnSubgraph(500 + round * 10 + i)));
    const elapsed = Date.now() - started;
    // The last word, after the burst: the update that follows it must carry it.
    const final = 42;
    await setOnSubgraph(final);
    await watch.next((d) => d.stockChanged.onHand === final, "the final stock");
    // Once the final state is in, nothing else follows it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const updates = watch.values.slice(before).map((value) => value.data!.stockChanged.onHand);
    expect(updates.at(-1)).toBe(final);
    // At most one update per 250 ms interval of the burst, plus the leading and the trailing edge.
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 3);
    expect(updates.length).toBeLessThan(20);
  });

  it("refuses an empty, too long, malformed or unknown product list with BAD_USER_INPUT on productIds", async () => {
    const { client } = connect();
    const tooMany = Array.from({ length: 101 }, () => crypto.randomUUID());
    for (const [ids, message] of [
      [[], "productIds: give at least one product id"],
      [tooMany, "productIds: at most 100 products per subscription (got 101)"],
      [["not-an-id"], 'productIds: "not-an-id" is not a valid id'],
      [[tooMany[0]!], `productIds: no product has the id ${tooMany[0]!}`],
    ] as const) {
      const [error] = await new Watch(client, STOCK_CHANGED, { ids }).failure();
      expect(error).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT", field: "productIds" } });
    }
  });
});

type FeedOrder = { id: string; status: string; user: { email: string }; items: { product: { title: string } }[] };
const ORDER_EVENTS = `subscription { orderEvents { id status user { email } items { product { title } } } }`;

describe("orderEvents (ADMIN)", () => {
  it("brings an admin every new order and its status changes, whoever the customer", async () => {
    const watch = new Watch<{ orderEvents: FeedOrder }>(connect(admin.token).client, ORDER_EVENTS);
    const [productId] = (await createStockedProducts(stack, admin.token, category, 1)) as [string];
    const buyer = await customerWithCart(stack, [{ productId, quantity: 1 }]);
    // The feed starts with the next change: a checkout retried until the feed shows one proves it is live.
    const order = (await checkout(stack, buyer.token)).data!.checkout as { id: string };
    const paid = await watch.next((d) => d.orderEvents.id === order.id && d.orderEvents.status === "PAID", "the new order, paid");
    expect(paid.orderEvents).toMatchObject({
      user: { email: buyer.email },
      items: [{ product: { title: expect.stringMatching(/^Product/) } }],
    });

    await updateOrderStatus(stack.gatewayUrl, admin.token, order.id, "PACKED");
    await watch.next((d) => d.orderEvents.id === order.id && d.orderEvents.status === "PACKED", "PACKED");
    await updateOrderStatus(stack.gatewayUrl, admin.token, order.id, "SHIPPED", "1Z999AA10123456784");
    await watch.next((d) => d.orderEvents.id === order.id && d.orderEvents.status === "SHIPPED", "SHIPPED");
    expect(watch.error).toBeNull();
  });

  it("refuses a customer with FORBIDDEN", async () => {
    const customer = await signUpCustomer(stack);
    const [error] = await new Watch(connect(customer.token).client, ORDER_EVENTS).failure();
    expect(error).toMatchObject({ message: "Only an ADMIN may do this", extensions: { code: "FORBIDDEN" } });
  });

  it("refuses an anonymous connection by closing it with 4403, as any subscription that needs a viewer", async () => {
    const live = connect();
    const watch = new Watch(live.client, ORDER_EVENTS);
    expect(await live.closed).toMatchObject({ code: CloseCode.Forbidden, reason: expect.stringMatching(/^Sign in first/) });
    expect(watch.values).toEqual([]);
  });
});
