import { conflict } from "@shop/runtime";
import type { Money, RequiredLine } from "../models";

/** The currency of an empty cart's subtotal: it has no line to take one from, and the catalog's default is USD. */
export const EMPTY_CART_CURRENCY = "USD";

/** The largest amount a GraphQL `Int` (and the order subgraph's `integer` columns) can carry. */
export const MAX_AMOUNT = 2_147_483_647;

/** unitPrice × quantity, in the unit price's currency; CONFLICT when it cannot be represented. */
export function lineTotal(unitPrice: Money, quantity: number): Money {
  return { amount: checkedAmount(unitPrice.amount * quantity, "lineTotal"), currency: unitPrice.currency };
}

function checkedAmount(amount: number, field: string): number {
  if (amount > MAX_AMOUNT)
    throw conflict(field, `${amount} exceeds ${MAX_AMOUNT}, the largest amount the shop can total: lower a quantity`);
  return amount;
}

/** The price the gateway fetched for a line (@requires), or an error saying the field was asked for the wrong way. */
export function requiredPrice(price: Money | null | undefined, field: string): Money {
  if (!price) {
    throw new Error(`${field} needs the product's price (@requires): ask for it through the gateway, not the subgraph`);
  }
  return price;
}

/**
 * Sums the lines of a cart at the prices the gateway fetched for them. `required` are the prices in the order the
 * gateway saw the cart's `items`; `lines` are the cart's lines now, in the same (added_at, id) order. The two come
 * from separate requests, so a different count means the cart changed in between: CONFLICT, the client retries.
 * Lines in different currencies cannot be summed: CONFLICT as well.
 */
export function subtotal(required: readonly RequiredLine[] | undefined, lines: readonly { quantity: number }[]): Money {
  if (!required) throw new Error("subtotal needs the lines' prices (@requires): ask for it through the gateway, not the subgraph");
  if (required.length !== lines.length) {
    throw conflict("subtotal", "the cart changed while it was being priced: run the query again");
  }
  const totals = lines.map((line, index) => lineTotal(requiredPrice(required[index]?.product?.price, "subtotal"), line.quantity));
  const currencies = [...new Set(totals.map((total) => total.currency))];
  if (currencies.length > 1) {
    throw conflict("subtotal", `the cart holds products priced in different currencies (${currencies.join(", ")}), which cannot be summed`);
  }
  return {
    amount: checkedAmount(
      totals.reduce((sum, total) => sum + total.amount, 0),
      "subtotal",
    ),
    currency: currencies[0] ?? EMPTY_CART_CURRENCY,
  };
}

/** Total units across lines (Cart.itemCount). */
export function unitCount(lines: readonly { quantity: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}
