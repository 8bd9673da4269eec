import type { OrderStatus } from "../events";

/** The mails this worker sends, one per order status worth a mail. */
export type MailKind = "order-confirmation" | "order-shipped" | "order-delivered" | "order-cancelled";

export interface MailKindRule {
  kind: MailKind;
  /**
   * Essential mails go whatever the user chose: the confirmation, the tracking number, the cancellation (it says
   * what was refunded). "Delivered" tells the customer nothing they need to act on (the parcel is in their hands),
   * so it is non-essential: it goes only while `notificationPreferences.marketing` is true.
   */
  essential: boolean;
}

const RULES: Partial<Record<OrderStatus, MailKindRule>> = {
  PAID: { kind: "order-confirmation", essential: true },
  SHIPPED: { kind: "order-shipped", essential: true },
  DELIVERED: { kind: "order-delivered", essential: false },
  CANCELLED: { kind: "order-cancelled", essential: true },
};

/** The mail an order status calls for, or null (PENDING_PAYMENT and PACKED send none). */
export function mailKindFor(status: OrderStatus): MailKindRule | null {
  return RULES[status] ?? null;
}

export type MailDecision = { send: true } | { send: false; reason: string };

/**
 * Whether a mail of `rule` goes to this recipient for this order. A cancellation of an order that was never paid (its
 * payment was declined at checkout) sends nothing: the customer was told at checkout, and there is no refund to report.
 */
export function decideMail(rule: MailKindRule, order: { paid: boolean }, recipient: { marketing: boolean }): MailDecision {
  if (rule.kind === "order-cancelled" && !order.paid) return { send: false, reason: "cancelled before payment" };
  if (!rule.essential && !recipient.marketing) return { send: false, reason: "opted out of non-essential mail" };
  return { send: true };
}
