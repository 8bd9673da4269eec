import { asc, eq } from "drizzle-orm";
import { isUuid } from "@shop/runtime";
import type { OrderDatabase } from "../db/database";
import { orderItems, orders, payments } from "../db/schema";
import type { OrderStatus } from "../models";
import { lineTotal } from "./money";

export interface OrderNotice {
  id: string;
  userId: string;
  status: OrderStatus;
  currency: string;
  totalAmount: number;
  trackingNumber: string | null;
  lines: { title: string; quantity: number; unitPriceAmount: number; lineTotalAmount: number }[];
  paid: boolean;
  refundedAmount: number | null;
}

/** An order as the notifications worker describes it in a mail; null for an id that names no order. */
export async function findOrderNotice(db: OrderDatabase, id: string): Promise<OrderNotice | null> {
  if (!isUuid(id)) return null;
  const [order] = await db
    .select({ order: orders, paymentStatus: payments.status, paymentAmount: payments.amount })
    .from(orders)
    .leftJoin(payments, eq(payments.orderId, orders.id))
    .where(eq(orders.id, id.toLowerCase()));
  if (!order) return null;
  const items = await db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, order.order.id))
    .orderBy(asc(orderItems.title), asc(orderItems.productId));
  const refunded = order.paymentStatus === "REFUNDED";
  return {
    id: order.order.id,
    userId: order.order.userId,
    status: order.order.status,
    currency: order.order.currency,
    totalAmount: order.order.totalAmount,
    trackingNumber: order.order.trackingNumber,
    lines: items.map((item) => ({
      title: item.title,
      quantity: item.quantity,
      unitPriceAmount: item.unitPriceAmount,
      lineTotalAmount: lineTotal(item),
    })),
    paid: refunded || order.paymentStatus === "SUCCEEDED",
    refundedAmount: refunded ? order.paymentAmount : null,
  };
}
