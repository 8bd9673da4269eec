import type { Logger } from "@shop/runtime";
import type { NotificationsDatabase } from "./db/database";
import { deadLetters } from "./db/schema";
import { deliverOnce, isSettled, recordSkipped, type DeliveryDeps } from "./deliveries";
import { describeFields, parseEntry, type OrderEvent, type StreamEntry } from "./events";
import { decideMail, mailKindFor, type MailKindRule } from "./mail/kinds";
import { formatMoney, orderNumberOf, renderMail } from "./mail/templates";
import { notificationMetrics } from "./metrics";
import type { MailSources, OrderNotice, Recipient } from "./recipients";

/** How one entry ended; every outcome but `retry-later` and `interrupted` is acknowledged. */
export type EntryOutcome = "sent" | "already-done" | "skipped" | "no-mail" | "dead" | "retry-later" | "interrupted";

export interface EntryDeps extends DeliveryDeps {
  sources: MailSources;
  /** The domain of the Message-IDs (MAIL_FROM's). */
  messageIdDomain: string;
}

export const CHANNEL = "email";

/**
 * Turns one stream entry into at most one mail. A poison entry (malformed payload, unknown order or user) goes to
 * the dead-letter list at once and is acknowledged, so it never blocks the stream; a failure to reach a subgraph
 * leaves the entry pending for a later round (`retry-later`), so nothing is lost while the order or user subgraph is
 * down.
 */
export async function handleEntry(deps: EntryDeps, entry: StreamEntry): Promise<EntryOutcome> {
  const parsed = parseEntry(entry);
  if (!parsed.ok) return deadLetterEntry(deps, entry, parsed.reason, parsed.eventId, "malformed");
  const { event } = parsed;
  const rule = mailKindFor(event.status);
  if (!rule) return "no-mail";
  // Settled before (a redelivery after a crash, a republished event): nothing to ask the subgraphs.
  if (await isSettled(deps.database, event.eventId, CHANNEL)) {
    notificationMetrics.duplicatesAvoided.inc();
    return "already-done";
  }
  let order: OrderNotice | null;
  let recipient: Recipient | null;
  try {
    order = await deps.sources.orderNotice(event.orderId);
    recipient = order ? await deps.sources.recipient(order.userId) : null;
  } catch (error) {
    deps.log.warn({ err: error, eventId: event.eventId }, "cannot read the order or its recipient; the entry stays pending");
    return "retry-later";
  }
  if (!order) return deadLetterEntry(deps, entry, `unknown order ${event.orderId}`, event.eventId, "unknown_order");
  if (!recipient) return deadLetterEntry(deps, entry, `unknown user ${order.userId}`, event.eventId, "unknown_user");
  const key = {
    streamEntryId: entry.id,
    entryFields: describeFields(entry),
    eventId: event.eventId,
    channel: CHANNEL,
    orderId: order.id,
    kind: rule.kind,
  } as const;
  const messageId = `<${order.id}.${rule.kind}.${event.eventId}@${deps.messageIdDomain}>`;
  const decision = decideMail(rule, order, recipient);
  if (!decision.send) {
    await recordSkipped(deps.database, key, messageId, decision.reason);
    notificationMetrics.skipped.inc({ reason: decision.reason });
    return "skipped";
  }
  const mail = { ...renderMail(rule.kind, viewOf(rule, event, order, recipient)), to: recipient.email, messageId };
  return deliverOnce(deps, key, mail);
}

function viewOf(rule: MailKindRule, event: OrderEvent, order: OrderNotice, recipient: Recipient) {
  return {
    name: recipient.name,
    orderNumber: orderNumberOf(order.id),
    total: formatMoney(order.totalAmount, order.currency),
    lines: order.lines.map((line) => ({
      quantity: line.quantity,
      title: line.title,
      lineTotal: formatMoney(line.lineTotalAmount, order.currency),
    })),
    trackingNumber: order.trackingNumber ?? null,
    // The event's note is the reason the order subgraph recorded with the cancellation.
    reason: rule.kind === "order-cancelled" ? (event.note ?? "cancelled") : null,
    refund: order.refundedAmount == null ? null : formatMoney(order.refundedAmount, order.currency),
  };
}

async function deadLetterEntry(
  deps: { database: NotificationsDatabase; log: Logger },
  entry: StreamEntry,
  reason: string,
  eventId: number | null,
  label: string,
): Promise<EntryOutcome> {
  const added = await deps.database.db
    .insert(deadLetters)
    .values({ streamEntryId: entry.id, eventId, reason, payload: describeFields(entry) })
    .onConflictDoNothing()
    .returning({ id: deadLetters.id });
  // Already on the list: this entry's first handler died before XACK.
  if (added.length === 0) return "dead";
  notificationMetrics.deadLettered.inc({ reason: label });
  deps.log.error({ streamEntryId: entry.id, eventId, reason }, "order event dead-lettered");
  return "dead";
}
