import { describe, expect, it } from "vitest";
import { refusalMessage } from "./refusals";

const product = (title: string) => ({ id: title, title });

describe("refusalMessage", () => {
  it("names what is sold out and what is short, and keeps the cart", () => {
    const message = refusalMessage({
      __typename: "InsufficientStockError",
      message: "insufficient stock",
      items: [
        { requested: 1, available: 0, product: product("Lamp") },
        { requested: 3, available: 1, product: product("Mug") },
      ],
    });
    expect(message).toBe("Not enough stock: Lamp is sold out; only 1 of Mug left. Your cart is kept: change it and try again.");
  });

  it("says a declined card was not charged, with the provider's reason", () => {
    const message = refusalMessage({ __typename: "PaymentDeclinedError", message: "declined", reason: "card_declined" });
    expect(message).toMatch(/^Your card was declined \(card_declined\)\. You were not charged and your cart is kept/);
  });

  it("tells an unavailable provider apart from a decline", () => {
    const message = refusalMessage({ __typename: "PaymentUnavailableError", message: "unavailable" });
    expect(message).toMatch(/payment provider is not answering.*not charged.*cart is kept/);
  });
});
