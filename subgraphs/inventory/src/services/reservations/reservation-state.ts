import type { ReservationState, StockShortage } from "../../generated/resolvers";
import type { StockLine } from "./reservation-lines";

/** What a caller of the reservation mutations learns about an order's stock (the SDL's enum). */
export type { ReservationState };

export type RowStatus = "PENDING" | "ACTIVE" | "COMMITTED" | "RELEASED" | "RETURNED";
export type ReleaseReason = "REFUSED" | "CANCELLED" | "EXPIRED" | "ABANDONED";

/** A line that could not be served: how many units were asked and how many were available (the SDL's StockShortage). */
export type Shortage = StockShortage;

export interface ReservationResult {
  orderId: string;
  state: ReservationState;
  /** Filled only when REFUSED. */
  shortages: Shortage[];
  /** When an unpaid hold lapses; only when HELD. */
  expiresAt: Date | null;
}

/**
 * The state of an order from its rows. All rows of an order change together, so the first decides; a stray
 * mix is read with the most advanced status winning, which never promises units that are not held.
 */
export function stateOfRows(rows: readonly { status: RowStatus; releaseReason: ReleaseReason | null }[]): ReservationState | null {
  if (rows.length === 0) return null;
  const statuses = new Set(rows.map((row) => row.status));
  if (statuses.has("RETURNED")) return "RETURNED";
  if (statuses.has("COMMITTED")) return "COMMITTED";
  if (statuses.has("RELEASED")) return rows.some((row) => row.releaseReason === "REFUSED") ? "REFUSED" : "RELEASED";
  return "HELD";
}

/** The lines whose counter is known and below the quantity asked (a missing counter is never a shortage). */
export function shortagesOf(lines: readonly StockLine[], counters: readonly (string | null)[]): Shortage[] {
  return lines.flatMap((line, index) => {
    const counter = counters[index];
    if (counter === null || counter === undefined) return [];
    const available = Number(counter);
    return available < line.quantity ? [{ productId: line.productId, requested: line.quantity, available: Math.max(0, available) }] : [];
  });
}
