import { describe, expect, it } from "vitest";
import { decideMail, mailKindFor } from "./kinds";

describe("mail kinds", () => {
  it("mails PAID, SHIPPED, DELIVERED and CANCELLED, and nothing for PENDING_PAYMENT or PACKED", () => {
    expect(mailKindFor("PAID")).toEqual({ kind: "order-confirmation", essential: true });
    expect(mailKindFor("SHIPPED")).toEqual({ kind: "order-shipped", essential: true });
    expect(mailKindFor("DELIVERED")).toEqual({ kind: "order-delivered", essential: false });
    expect(mailKindFor("CANCELLED")).toEqual({ kind: "order-cancelled", essential: true });
    expect(mailKindFor("PENDING_PAYMENT")).toBeNull();
    expect(mailKindFor("PACKED")).toBeNull();
  });

  it("sends essential mails to a user who opted out, and holds back the non-essential ones", () => {
    const optedOut = { marketing: false };
    expect(decideMail(mailKindFor("PAID")!, { paid: true }, optedOut)).toEqual({ send: true });
    expect(decideMail(mailKindFor("SHIPPED")!, { paid: true }, optedOut)).toEqual({ send: true });
    expect(decideMail(mailKindFor("DELIVERED")!, { paid: true }, optedOut)).toEqual({
      send: false,
      reason: "opted out of non-essential mail",
    });
    expect(decideMail(mailKindFor("DELIVERED")!, { paid: true }, { marketing: true })).toEqual({ send: true });
  });

  it("sends no cancellation for an order that was never paid", () => {
    expect(decideMail(mailKindFor("CANCELLED")!, { paid: false }, { marketing: true })).toEqual({
      send: false,
      reason: "cancelled before payment",
    });
    expect(decideMail(mailKindFor("CANCELLED")!, { paid: true }, { marketing: true })).toEqual({ send: true });
  });
});
