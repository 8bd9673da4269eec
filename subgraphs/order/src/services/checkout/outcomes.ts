import type { StockShortage } from "../../siblings";

/** What a finished checkout answered, stored on its row so a replay of the same key answers the same. */
export type CheckoutOutcome =
  | { kind: "Order"; orderId: string }
  | { kind: "InsufficientStockError"; message: string; items: StockShortage[] }
  | { kind: "PaymentDeclinedError"; message: string; reason: string; orderId: string }
  | { kind: "PaymentUnavailableError"; message: string; orderId: string }
  | { kind: "EmptyCartError"; message: string }
  /** Undone by recovery after a crash (nothing charged): replayed as a GraphQL error, not a union member. */
  | { kind: "Interrupted"; message: string };

export const EMPTY_CART: CheckoutOutcome = { kind: "EmptyCartError", message: "Your cart is empty: add products before checking out." };

export function insufficientStock(items: StockShortage[]): CheckoutOutcome {
  const count = items.length === 1 ? "A product" : `${items.length} products`;
  return { kind: "InsufficientStockError", message: `${count} in your cart cannot be served in the quantity asked.`, items };
}

export function declined(orderId: string, reason: string): CheckoutOutcome {
  return { kind: "PaymentDeclinedError", message: `The payment was declined: ${reason}`, reason, orderId };
}

export function paymentUnavailable(orderId: string): CheckoutOutcome {
  return {
    kind: "PaymentUnavailableError",
    message:
      "The payment provider did not answer; the order was cancelled and nothing was charged. Try again later with a new idempotency key.",
    orderId,
  };
}

export function interrupted(message: string): CheckoutOutcome {
  return { kind: "Interrupted", message };
}
