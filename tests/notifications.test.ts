import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNotificationsWorker } from "@shop/notifications";
import { loadNotificationSettings } from "@shop/notifications/settings";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "@shop/notifications/smtp-sink";
import { CancelOrderDocument, MyNotificationPreferencesDocument, UpdateNotificationPreferencesDocument } from "./generated/operations";
import { startCheckoutStack } from "./support/checkout-stack";
import { expectData, request } from "./support/client";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import type { Stack } from "./support/stack";
import { updateOrderStatus } from "./support/subscriptions";

// Ten orders through their lifecycle, end to end: customers and admins act through the gateway like clients, the
// order subgraph's outbox relay writes `orders.events`, and the notifications worker mails through a real SMTP server.
// The stack has databases of its own, so the worker mails this file's customers only (other files' orders in the
// shared stream name orders this stack does not know: the worker dead-letters them).
let stack: Stack;
let sink: SmtpSink;
let worker: Awaited<ReturnType<typeof startNotificationsWorker>>;

beforeAll(async () => {
  stack = await startCheckoutStack({ isolated: { name: "notifications" } });
  sink = await startSmtpSink();
  worker = await startNotificationsWorker(
    stack.config,
    { ...loadNotificationSettings({}), smtpUrl: sink.url, group: `notifications-${crypto.randomUUID()}` },
    { blockMs: 200 },
  );
});
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
  await stack?.stop();
});

async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function ordered(token: string, paymentToken = "pm_card_visa") {
  const result = await checkout(stack, token, { paymentToken });
  expect(result.errors).toBeUndefined();
  const answer = (result.data as { checkout: { __typename: string; id?: string; order?: { id: string } } }).checkout;
  expect(answer.__typename).toBe(paymentToken === "pm_card_visa" ? "Order" : "PaymentDeclinedError");
  return answer.id ?? answer.order!.id;
}

/** Settled notifications (sent or decided against) of these orders, as the worker recorded them. */
async function settled(orderIds: string[]) {
  return worker.database.sql<{ order_id: string; kind: string; status: string; last_error: string | null }[]>`
    select order_id, kind, status, last_error from deliveries where order_id = any(${orderIds}::uuid[]) and status <> 'pending'`;
}

describe("order mails", () => {
  it("ten orders through their lifecycle give exactly the expected mails", async () => {
    const admin = await signInAdmin(stack);
    const [teapot, cup] = await createStockedProducts(stack, admin.token, await createCategory(stack), 2, {
      onHand: 100,
      priceAmount: (index) => [2500, 1000][index]!,
    });
    const customers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        customerWithCart(
          stack,
          [
            { productId: teapot!, quantity: 1 },
            { productId: cup!, quantity: 2 },
          ],
          `Buyer${index}`,
        ),
      ),
    );
    // Customer 0 turns non-essential mail off: order mails still go, "delivered" does not.
    const off = await expectData(
      stack.gatewayUrl,
      UpdateNotificationPreferencesDocument,
      { marketing: false },
      { token: customers[0]!.token },
    );
    expect(off.updateNotificationPreferences.notificationPreferences).toEqual({ marketing: false });
    const { me } = await expectData(stack.gatewayUrl, MyNotificationPreferencesDocument, {}, { token: customers[1]!.token });
    expect(me!.notificationPreferences).toEqual({ marketing: true });

    // Orders 0–8 are paid; order 9's card is declined (cancelled before payment: no mail at all).
    const orders = await Promise.all(
      customers.map((customer, index) => ordered(customer.token, index === 9 ? "pm_card_declined" : "pm_card_visa")),
    );
    const move = async (index: number, ...statuses: string[]) => {
      for (const status of statuses) {
        const tracking = status === "SHIPPED" ? `TRACK-${index}` : undefined;
        const moved = await updateOrderStatus(stack.gatewayUrl, admin.token, orders[index]!, status, tracking);
        expect(moved.errors).toBeUndefined();
      }
    };
    // 0–5 delivered, 6 and 7 cancelled by their customer (refunded), 8 shipped.
    await Promise.all([0, 1, 2, 3, 4, 5].map((index) => move(index, "PACKED", "SHIPPED", "DELIVERED")));
    for (const index of [6, 7]) {
      await expectData(stack.gatewayUrl, CancelOrderDocument, { id: orders[index]! }, { token: customers[index]!.token });
    }
    await move(8, "PACKED", "SHIPPED");

    const expected: [number, string][] = [
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((index): [number, string] => [index, "confirmed"]),
      ...[0, 1, 2, 3, 4, 5, 8].map((index): [number, string] => [index, "has shipped"]),
      ...[1, 2, 3, 4, 5].map((index): [number, string] => [index, "was delivered"]),
      ...[6, 7].map((index): [number, string] => [index, "was cancelled"]),
    ];
    // 23 mails, and two notifications decided against: customer 0's "delivered", order 9's cancellation.
    await eventually("every notification settled", async () => (await settled(orders)).length === expected.length + 2);
    const subjectOf = (index: number, what: string) =>
      `Your order #${orders[index]!.slice(0, 8).toUpperCase()} ${what.startsWith("was") || what.startsWith("has") ? what : `is ${what}`}`;
    const received = sink.mails.map((mail) => `${mail.to.join(",")} ${mail.subject}`).sort();
    expect(received).toEqual(expected.map(([index, what]) => `${customers[index]!.email} ${subjectOf(index, what)}`).sort());
    expect(new Set(sink.mails.map((mail) => mail.messageId)).size).toBe(expected.length);
    const skipped = (await settled(orders)).filter((row) => row.status === "skipped");
    expect(skipped.map((row) => [orders.indexOf(row.order_id), row.kind, row.last_error]).sort()).toEqual([
      [0, "order-delivered", "opted out of non-essential mail"],
      [9, "order-cancelled", "cancelled before payment"],
    ]);

    const mailOf = (index: number, what: string): ReceivedMail =>
      sink.mails.find((mail) => mail.to.includes(customers[index]!.email) && mail.subject.includes(what))!;
    const confirmation = mailOf(3, "confirmed");
    expect(confirmation.text).toContain("Hello Buyer3");
    expect(confirmation.text).toContain("2 × Product");
    expect(confirmation.text).toContain("Total: $45.00");
    expect(confirmation.html).toContain("<strong>Total: $45.00</strong>");
    expect(mailOf(8, "shipped").text).toContain("Tracking number: TRACK-8");
    const cancellation = mailOf(6, "cancelled");
    expect(cancellation.text).toMatch(/Reason: .+/);
    expect(cancellation.text).toContain("Refund: $45.00 to your original payment method.");
  });

  it("refuses to change preferences without a signed-in user", async () => {
    const answer = await request(stack.gatewayUrl, UpdateNotificationPreferencesDocument, { marketing: false });
    expect(answer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
