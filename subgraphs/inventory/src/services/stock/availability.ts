import { badUserInput } from "@shop/runtime";

/** Upper bound of `onHand`: far above any real shelf, low enough that sums never leave 32-bit GraphQL Ints. */
export const MAX_ON_HAND = 1_000_000;

/** What PostgreSQL stores about a product: units on hand and units held (PENDING or ACTIVE reservations). */
export interface StockFigures {
  onHand: number;
  reserved: number;
}

/** The public view of a product's stock: whose it is, and when it was read. */
export interface Inventory extends StockFigures {
  productId: string;
  available: number;
  inStock: boolean;
  asOf: Date;
}

/** A product without a stock row: nothing on hand, nothing reserved. */
export const NEVER_STOCKED: StockFigures = { onHand: 0, reserved: 0 };

/**
 * The invariant onHand = available + reserved, in the form clients read it. PENDING rows of checkouts racing for
 * the last units can briefly exceed on_hand before Redis refuses all but the first; clients never see a negative.
 */
export function inventoryOf(productId: string, { onHand, reserved }: StockFigures, asOf = new Date()): Inventory {
  const available = Math.max(0, availableUnits({ onHand, reserved }));
  return { productId, onHand, reserved, available, inStock: available > 0, asOf };
}

/** What the Redis counter of a product must hold. */
export function availableUnits({ onHand, reserved }: StockFigures): number {
  return onHand - reserved;
}

/** `onHand` as an admin may set it: a whole number from 0 to MAX_ON_HAND, else BAD_USER_INPUT on "onHand". */
export function parseOnHand(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_ON_HAND) {
    throw badUserInput("onHand", `must be a whole number from 0 to ${MAX_ON_HAND}`);
  }
  return value;
}

/** Refuses an `onHand` below the units already promised to checkouts, which would make `available` negative. */
export function assertCoversReserved(onHand: number, reserved: number): void {
  if (onHand < reserved) {
    throw badUserInput("onHand", `must be at least ${reserved}: ${reserved} units are reserved by checkouts in progress`);
  }
}
