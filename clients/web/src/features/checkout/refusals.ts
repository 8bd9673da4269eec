import type { PlaceOrderMutation } from "../../generated/graphql";

type Refusal = Exclude<PlaceOrderMutation["checkout"], { __typename: "Order" }>;

/** What a shopper reads when checkout answers no: one sentence per kind, always saying the cart is kept. */
export function refusalMessage(refusal: Refusal): string {
  switch (refusal.__typename) {
    case "InsufficientStockError": {
      const lines = refusal.items.map((item) =>
        item.available === 0 ? `${item.product.title} is sold out` : `only ${item.available} of ${item.product.title} left`,
      );
      return `Not enough stock: ${lines.join("; ")}. Your cart is kept: change it and try again.`;
    }
    case "PaymentDeclinedError":
      return `Your card was declined (${refusal.reason}). You were not charged and your cart is kept: try another card.`;
    case "PaymentUnavailableError":
      return "The payment provider is not answering right now. You were not charged and your cart is kept: try again in a moment.";
    case "EmptyCartError":
      return "Your cart is empty.";
  }
}
