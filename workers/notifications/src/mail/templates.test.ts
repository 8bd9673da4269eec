import { describe, expect, it } from "vitest";
import { formatMoney, orderNumberOf, renderMail, type MailView } from "./templates";

const view: MailView = {
  name: "Ada <Lovelace>",
  orderNumber: orderNumberOf("0f3c2a9e-1111-4222-8333-444455556666"),
  total: formatMoney(12345, "USD"),
  lines: [{ quantity: 2, title: "Mug & <b>saucer</b>", lineTotal: formatMoney(2000, "USD") }],
  trackingNumber: "1Z999",
  reason: "Cancelled by the customer",
  refund: formatMoney(12345, "USD"),
};

describe("mail templates", () => {
  it("formats minor units in the currency's own digits", () => {
    expect(formatMoney(12345, "USD")).toBe("$123.45");
    expect(formatMoney(500, "JPY")).toBe("¥500");
    expect(orderNumberOf("0f3c2a9e-1111-4222-8333-444455556666")).toBe("#0F3C2A9E");
  });

  it("writes the confirmation with its lines and total, escaped in HTML and verbatim in text", () => {
    const mail = renderMail("order-confirmation", view);
    expect(mail.subject).toBe("Your order #0F3C2A9E is confirmed");
    expect(mail.text).toContain("2 × Mug & <b>saucer</b>  $20.00");
    expect(mail.text).toContain("Total: $123.45");
    expect(mail.html).toContain("Mug &amp; &lt;b&gt;saucer&lt;&#x2F;b&gt;");
    expect(mail.html).toContain("Hello Ada &lt;Lovelace&gt;");
    expect(mail.html).not.toContain("<b>saucer</b>");
  });

  it("gives the tracking number when shipped, and the reason and refund when cancelled", () => {
    expect(renderMail("order-shipped", view).text).toContain("Tracking number: 1Z999");
    const cancelled = renderMail("order-cancelled", view);
    expect(cancelled.text).toContain("Reason: Cancelled by the customer");
    expect(cancelled.text).toContain("Refund: $123.45");
    expect(renderMail("order-cancelled", { ...view, refund: null }).text).toContain("Nothing was charged.");
  });
});
