import { createSiblingCaller, type ShopConfig } from "@shop/runtime";
import { CartLinesDocument, ConsumeCartLinesDocument } from "../generated/siblings/cart";
import {
  CommitReservationDocument,
  ReleaseReservationDocument,
  ReserveStockDocument,
  ReturnStockDocument,
  StockShortagesDocument,
  type ReservationFragment,
  type StockLineInput,
} from "../generated/siblings/inventory";
import { ProductSnapshotsDocument } from "../generated/siblings/product";

/** Units of one product: a cart line as checkout reads it, a line of an order's stock reservation. */
export type StockLine = StockLineInput;

/** Where an order's stock reservation stands, as every reservation mutation of the inventory answers. */
type Reservation = ReservationFragment;

/** A line the inventory could not serve: the units asked for and those available. */
export type StockShortage = Reservation["shortages"][number];

/** Just the line: callers pass richer lines (a priced line has a title), and GraphQL refuses unknown input fields. */
const bareLines = (lines: readonly StockLine[]): StockLine[] => lines.map(({ productId, quantity }) => ({ productId, quantity }));

/**
 * The order subgraph's calls to its siblings' internal fields, signed with the order service's credential (never
 * through the gateway). The operations are the `.graphql` files beside this one, one per callee; their types are
 * generated against that callee's SDL (`npm run codegen`).
 */
export function createSiblings(config: Pick<ShopConfig, "subgraphs" | "internalKeys" | "subgraphTimeoutMs">) {
  const call = createSiblingCaller(config, "order");
  return {
    cartLines: async (userId: string) => (await call("cart", CartLinesDocument, { userId })).cartLines,
    consumeCartLines: async (userId: string, orderId: string, lines: readonly StockLine[]) =>
      (await call("cart", ConsumeCartLinesDocument, { userId, orderId, lines: bareLines(lines) })).consumeCartLines,
    productSnapshots: async (ids: readonly string[]) =>
      (await call("product", ProductSnapshotsDocument, { ids: [...ids] })).productSnapshots,
    stockShortages: async (lines: readonly StockLine[]) =>
      (await call("inventory", StockShortagesDocument, { lines: bareLines(lines) })).stockShortages,
    reserveStock: async (orderId: string, lines: readonly StockLine[], ttlSeconds: number) =>
      (await call("inventory", ReserveStockDocument, { orderId, lines: bareLines(lines), ttlSeconds })).reserveStock,
    commitReservation: async (orderId: string) => (await call("inventory", CommitReservationDocument, { orderId })).commitReservation,
    releaseReservation: async (orderId: string) => (await call("inventory", ReleaseReservationDocument, { orderId })).releaseReservation,
    returnStock: async (orderId: string) => (await call("inventory", ReturnStockDocument, { orderId })).returnStock,
  };
}

export type Siblings = ReturnType<typeof createSiblings>;
