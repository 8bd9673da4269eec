import { createSiblingCaller, type ShopConfig } from "@shop/runtime";
import { OrderNoticeDocument, type OrderNoticeQuery } from "./generated/siblings/order";
import { NotificationRecipientDocument, type NotificationRecipientQuery } from "./generated/siblings/user";

export type OrderNotice = NonNullable<OrderNoticeQuery["orderNotice"]>;
export type Recipient = NonNullable<NotificationRecipientQuery["notificationRecipient"]>;

/** What a mail is written from, read through the subgraphs' internal fields (null: no such order or user). */
export interface MailSources {
  orderNotice(orderId: string): Promise<OrderNotice | null>;
  recipient(userId: string): Promise<Recipient | null>;
}

/**
 * The order's details from the order subgraph and the recipient from the user subgraph, signed with the
 * notifications worker's own internal key: the events carry ids only, never an address or a name.
 */
export function createMailSources(config: Pick<ShopConfig, "subgraphs" | "internalKeys" | "subgraphTimeoutMs">): MailSources {
  const call = createSiblingCaller(config, "notifications");
  return {
    orderNotice: async (id) => (await call("order", OrderNoticeDocument, { id })).orderNotice ?? null,
    recipient: async (userId) => (await call("user", NotificationRecipientDocument, { userId })).notificationRecipient ?? null,
  };
}
