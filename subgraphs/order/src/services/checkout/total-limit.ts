import { badUserInput } from "@shop/runtime";
import { AmountOverflowError, MAX_AMOUNT, orderTotal, type PricedLine } from "../money";

/**
 * The total of the lines about to be checked out, or BAD_USER_INPUT when one order cannot hold it. Checked before the
 * claim, so a cart that could never become an order holds no stock and writes nothing; the customer can act on it.
 */
export function checkoutTotal(lines: readonly PricedLine[], currency: string): number {
  try {
    return orderTotal(lines);
  } catch (error) {
    if (!(error instanceof AmountOverflowError)) throw error;
    const asked = lines.reduce((sum, line) => sum + line.unitPriceAmount * line.quantity, 0);
    throw badUserInput(
      "input",
      `the cart totals ${asked} ${currency} minor units, more than one order can hold (${MAX_AMOUNT}): ` +
        "remove some units, or check out in several orders",
    );
  }
}
