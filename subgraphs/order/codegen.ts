/**
 * The order subgraph's part of the root codegen.ts: which GraphQL types its resolvers see as its own models
 * (`src/models.ts`) rather than as the generated GraphQL shapes.
 */
export const resolverMappers: Record<string, string> = {
  Order: "OrderModel",
  OrderItem: "OrderItemModel",
  OrderEvent: "OrderEventModel",
  OrderConnection: "OrderConnectionModel",
  User: "UserModel",
  OrderNotice: "OrderNoticeModel",
  InsufficientStockItem: "InsufficientStockItemModel",
  PaymentDeclinedError: "PaymentDeclinedErrorModel",
  PaymentUnavailableError: "PaymentUnavailableErrorModel",
};
