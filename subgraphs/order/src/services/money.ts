/**
 * Money arithmetic in integer minor units. Amounts are capped at the largest 32-bit integer: a GraphQL `Int` and
 * the PostgreSQL `integer` columns cannot hold more, and staying far below Number.MAX_SAFE_INTEGER keeps every
 * intermediate product exact.
 */
export const MAX_AMOUNT = 2_147_483_647;

export interface Money {
  amount: number;
  currency: string;
}

/** What a total is computed from: a unit price in minor units and a quantity. */
export interface PricedLine {
  unitPriceAmount: number;
  quantity: number;
}

/** Thrown when an amount would not fit; a programming or data error, never a client's fault. */
export class AmountOverflowError extends RangeError {
  override name = "AmountOverflowError";
}

function checkedAmount(amount: number, what: string): number {
  if (!Number.isSafeInteger(amount) || amount > MAX_AMOUNT) {
    throw new AmountOverflowError(`${what} ${amount} exceeds ${MAX_AMOUNT}, the largest amount an order can hold`);
  }
  return amount;
}

/** unitPriceAmount × quantity, refusing a negative or fractional price, a quantity below 1, or an overflow. */
export function lineTotal(line: PricedLine): number {
  if (!Number.isSafeInteger(line.unitPriceAmount) || line.unitPriceAmount < 0) {
    throw new RangeError(`Unit price ${line.unitPriceAmount} must be a non-negative integer of minor units`);
  }
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw new RangeError(`Quantity ${line.quantity} must be a positive integer`);
  }
  return checkedAmount(line.unitPriceAmount * line.quantity, "Line total");
}

/** Sum of line totals; zero for no lines. */
export function orderTotal(lines: readonly PricedLine[]): number {
  return lines.reduce((sum, line) => checkedAmount(sum + lineTotal(line), "Order total"), 0);
}

/** Pairs an amount with its currency. */
export function money(amount: number, currency: string): Money {
  return { amount, currency };
}
