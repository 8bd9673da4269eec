import { parse } from "graphql";
import type { TypedDocumentNode } from "@shop/runtime";
import type { SubgraphHarness } from "@shop/runtime/testing";
import type { StockLine } from "../src/services/reservations/reservation-lines";
import type { ReservationResult } from "../src/services/reservations/reservation-state";

// The GraphQL the inventory tests send besides their own one-off queries.

export const INVENTORY_FIELDS = "onHand reserved available inStock";

/** A reservation mutation's answer as it arrives over JSON. */
type Result = Omit<ReservationResult, "expiresAt"> & { expiresAt: string | null };
export type Line = StockLine;

const RESULT = "orderId state shortages { productId requested available } expiresAt";
const RESERVE: TypedDocumentNode<{ reserveStock: Result }, { o: string; l: Line[]; t: number | null }> = parse(
  `mutation($o: ID!, $l: [StockLineInput!]!, $t: Int) { reserveStock(orderId: $o, lines: $l, ttlSeconds: $t) { ${RESULT} } }`,
);
const byOrderId = <F extends string>(field: F): TypedDocumentNode<Record<F, Result>, { o: string }> =>
  parse(`mutation($o: ID!) { ${field}(orderId: $o) { ${RESULT} } }`);
const COMMIT = byOrderId("commitReservation");
const RELEASE = byOrderId("releaseReservation");
const RETURN = byOrderId("returnStock");

/** The internal mutations, called as the order subgraph calls them (its service credential). */
export function orderService(inventory: SubgraphHarness) {
  // Longer than the 2 s default: tests fire hundreds of reserves at once, all served by this one process.
  const call = inventory.as("order", { timeoutMs: 30_000 });
  return {
    reserve: async (orderId: string, lines: Line[], ttlSeconds?: number) =>
      (await call(RESERVE, { o: orderId, l: lines, t: ttlSeconds ?? null })).reserveStock,
    commit: async (orderId: string) => (await call(COMMIT, { o: orderId })).commitReservation,
    release: async (orderId: string) => (await call(RELEASE, { o: orderId })).releaseReservation,
    returnStock: async (orderId: string) => (await call(RETURN, { o: orderId })).returnStock,
  };
}
