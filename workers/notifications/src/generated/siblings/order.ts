/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where an order is in its lifecycle. */
export type OrderStatus =
  /** Stopped before shipping (declined payment or cancelled by the customer); stock released. */
  | 'CANCELLED'
  /** Received by the customer. */
  | 'DELIVERED'
  /** Packed in the warehouse, waiting for the carrier. */
  | 'PACKED'
  /** Payment captured; stock committed. */
  | 'PAID'
  /** Created; stock reserved; waiting for the payment to succeed. */
  | 'PENDING_PAYMENT'
  /** Handed to the carrier; the order carries a tracking number. */
  | 'SHIPPED';

export type OrderNoticeQueryVariables = Exact<{
  id: string;
}>;


export type OrderNoticeQuery = { orderNotice: { id: string, userId: string, status: OrderStatus, currency: string, totalAmount: number, trackingNumber: string | null, paid: boolean, refundedAmount: number | null, lines: Array<{ title: string, quantity: number, unitPriceAmount: number, lineTotalAmount: number }> } | null };


export const OrderNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"paid"}},{"kind":"Field","name":{"kind":"Name","value":"refundedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPriceAmount"}},{"kind":"Field","name":{"kind":"Name","value":"lineTotalAmount"}}]}}]}}]}}]} as unknown as DocumentNode<OrderNoticeQuery, OrderNoticeQueryVariables>;