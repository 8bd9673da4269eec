import type { Connection } from "@shop/runtime";
import type { orderEvents, orderItems, orders } from "./db/schema";
import type { StockShortage } from "./siblings";

/** What Order resolvers receive: the row; items and timeline are loaded per batch. */
export type OrderModel = typeof orders.$inferSelect;
export type OrderStatus = OrderModel["status"];

/** A line with its order's currency, so unitPrice and lineTotal can be Money without another lookup. */
export type OrderItemModel = typeof orderItems.$inferSelect & { currency: string };
export type OrderEventModel = typeof orderEvents.$inferSelect;

/** A page of orders; `totalCount` runs its COUNT only when the field is selected. */
export interface OrderConnectionModel extends Connection<OrderModel> {
  totalCount: () => Promise<number>;
}

/** A User reference: this subgraph only knows the id. */
export interface UserModel {
  id: string;
}

/** Checkout results carry ids; the resolvers load the order and reference the product. */
export type InsufficientStockItemModel = StockShortage;
export interface PaymentDeclinedErrorModel {
  message: string;
  reason: string;
  orderId: string;
}
export interface PaymentUnavailableErrorModel {
  message: string;
  orderId: string;
}

/** An order as the notifications worker reads it (internal field `orderNotice`). */
export type { OrderNotice as OrderNoticeModel } from "./services/order-notice";
