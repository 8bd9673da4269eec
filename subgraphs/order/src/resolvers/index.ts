import { isUuid, unauthenticated } from "@shop/runtime";
import type { Resolvers } from "../generated/resolvers";
import type { OrderModel } from "../models";
import { cancelOrder } from "../services/cancel/cancel-order";
import { checkout } from "../services/checkout/checkout";
import { checkoutResultType, toCheckoutResult } from "./checkout-result";
import { lineTotal, money } from "../services/money";
import { findOrderNotice } from "../services/order-notice";
import { allOrders, findOrder, myOrders, ordersOfUser, resolveOrderReference } from "../services/orders";
import { updateOrderStatus } from "../services/update-order-status";
import { followAllOrders, followMyOrders, followOrder } from "../subscriptions/follow";

const CHECKOUT_NEEDS_ACCOUNT =
  "Checkout needs an account: sign in with logIn or create one with signUp, passing the cart's guestToken as guestCartToken to keep your cart";

export const resolvers: Resolvers = {
  Query: {
    order: (_, { id }, ctx) => findOrder(ctx, id),
    myOrders: (_, { first, after }, ctx) => myOrders(ctx, first, after),
    orders: (_, { status, first, after }, ctx) => allOrders(ctx, status, first, after),
    orderNotice: (_, { id }, ctx) => findOrderNotice(ctx.db, id),
  },
  Mutation: {
    checkout: async (_, { input }, ctx) => {
      // A guest (cart token only) has a cart but no account to order with: say how to keep the cart while signing in.
      if (!ctx.viewer) throw unauthenticated(CHECKOUT_NEEDS_ACCOUNT);
      const viewer = ctx.viewer;
      // Every call counts, replays of an idempotency key included: the limit is on what one account asks of the saga.
      await ctx.checkoutLimit.enforce(viewer.userId, "Too many checkouts for this account: retry later");
      return toCheckoutResult(ctx, await checkout(ctx, viewer, input));
    },
    cancelOrder: (_, { id }, ctx) => cancelOrder(ctx, ctx.viewer, id),
    updateOrderStatus: (_, { id, status, trackingNumber }, ctx) => updateOrderStatus(ctx, ctx.viewer, id, status, trackingNumber),
  },
  Subscription: {
    // Each stream yields the order itself; the field resolves to it.
    orderUpdated: { subscribe: (_, { id }, ctx) => followOrder(ctx.live, ctx.viewer, id), resolve: (order: OrderModel) => order },
    myOrderUpdates: {
      subscribe: (_, { since }, ctx) => followMyOrders(ctx.live, ctx.viewer, since),
      resolve: (order: OrderModel) => order,
    },
    orderEvents: { subscribe: (_, __, ctx) => followAllOrders(ctx.live, ctx.viewer), resolve: (order: OrderModel) => order },
  },
  CheckoutResult: {
    __resolveType: (result) => checkoutResultType(result) as "Order",
  },
  PaymentDeclinedError: {
    order: async (error, _, ctx) => (await ctx.loaders.orderById.load(error.orderId))!,
  },
  PaymentUnavailableError: {
    order: async (error, _, ctx) => (await ctx.loaders.orderById.load(error.orderId))!,
  },
  InsufficientStockItem: {
    product: (item) => ({ id: item.productId }),
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
