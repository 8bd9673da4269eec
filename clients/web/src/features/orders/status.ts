import type { OrderStatus } from "../../generated/graphql";

/** Order statuses as shoppers read them. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  PAID: "Paid",
  PACKED: "Packed",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
};

/** A timestamp in the reader's own locale and time zone. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString();
}
