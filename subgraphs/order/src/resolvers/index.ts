import { isUuid } from "@shop/runtime";
import type { Resolvers } from "../generated/resolvers";
import { lineTotal, money } from "../services/money";
import { findOrder, myOrders, ordersOfUser, resolveOrderReference } from "../services/orders";

export const resolvers: Resolvers = {
  Query: {
    order: (_, { id }, ctx) => findOrder(ctx, id),
    myOrders: (_, { first, after }, ctx) => myOrders(ctx, first, after),
  },
  User: {
    // The user subgraph owns users; a well-formed id is all this subgraph needs to list their orders.
    __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null),
    orders: (user, { first, after }, ctx) => ordersOfUser(ctx, user.id, first, after),
  },
  Order: {
    __resolveReference: (ref, ctx) => resolveOrderReference(ctx, ref.id),
    user: (order) => ({ id: order.userId }),
    items: async (order, _, ctx) =>
      (await ctx.loaders.itemsByOrderId.load(order.id)).map((item) => ({ ...item, currency: order.currency })),
    total: (order) => money(order.totalAmount, order.currency),
    timeline: (order, _, ctx) => ctx.loaders.eventsByOrderId.load(order.id),
  },
  OrderConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  OrderItem: {
    product: (item) => ({ id: item.productId }),
    unitPrice: (item) => money(item.unitPriceAmount, item.currency),
    lineTotal: (item) => money(lineTotal(item), item.currency),
  },
};
