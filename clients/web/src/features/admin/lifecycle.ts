import type { OrderStatus } from "../../generated/graphql";

/**
 * The moves an admin can make from each status (the order subgraph enforces the same table: an illegal move is
 * BAD_USER_INPUT). PAID is set by checkout only; CANCELLED refunds a paid order and returns its stock.
 */
export const NEXT_STATUSES: Record<OrderStatus, OrderStatus[]> = {
  PENDING_PAYMENT: ["CANCELLED"],
  PAID: ["PACKED", "CANCELLED"],
  PACKED: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};

/** The board's columns, in lifecycle order. */
export const BOARD_COLUMNS: OrderStatus[] = ["PENDING_PAYMENT", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"];
