import type { Inventory } from "./services/stock/availability";
import type { ReservationResult } from "./services/reservations/reservation-state";

/** What Product resolvers receive: the federation key only; this subgraph adds `inventory` to it. */
export interface ProductModel {
  id: string;
}

/** What Inventory resolvers receive: the figures with `available` and `inStock` already derived. */
export type InventoryModel = Inventory;

/** What ReservationResult resolvers receive: the service's answer, `expiresAt` still a Date. */
export type ReservationResultModel = ReservationResult;
