import { badUserInput } from "@shop/runtime";

/** The most units of one product a cart line may hold (also a CHECK constraint on cart_items.quantity). */
export const MAX_LINE_QUANTITY = 99;

/** A whole number from `min` to MAX_LINE_QUANTITY, else BAD_USER_INPUT naming `quantity`. */
export function parseQuantity(value: number, min: 0 | 1): number {
  if (!Number.isInteger(value) || value < min || value > MAX_LINE_QUANTITY) {
    throw badUserInput("quantity", `must be a whole number from ${min} to ${MAX_LINE_QUANTITY}, got ${value}`);
  }
  return value;
}
