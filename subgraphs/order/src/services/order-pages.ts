import { badUserInput, isUuid, parsePageArgs } from "@shop/runtime";

/** Keyset position in the (created_at desc, id desc) order of a user's orders. */
export interface OrderPosition {
  createdAt: Date;
  id: string;
}

/** A validated page request: `limit` rows after `after` (exclusive), newest first. */
export interface OrderPage {
  limit: number;
  after: OrderPosition | null;
}

/** The cursor payload of an order: its sort key, ISO timestamp first. */
export function orderCursorKey(order: OrderPosition): [string, string] {
  return [order.createdAt.toISOString(), order.id];
}

/** Validates `first`/`after`; a cursor that is not an order cursor of this subgraph is BAD_USER_INPUT "after". */
export function parseOrderPage(first: number | null | undefined, after: string | null | undefined): OrderPage {
  const page = parsePageArgs<unknown>(first, after);
  if (page.after === null) return { limit: page.limit, after: null };
  const key: unknown = page.after;
  const [at, id] = Array.isArray(key) && key.length === 2 ? (key as unknown[]) : [];
  const createdAt = typeof at === "string" ? new Date(at) : new Date(Number.NaN);
  if (Number.isNaN(createdAt.getTime()) || typeof id !== "string" || !isUuid(id)) {
    throw badUserInput("after", "is not a cursor returned by this field");
  }
  return { limit: page.limit, after: { createdAt, id: id.toLowerCase() } };
}

/** Identifies a page request, so requests for the same page of many users share one batched loader. */
export function pageKey(page: OrderPage): string {
  return page.after ? `${page.limit}:${page.after.createdAt.toISOString()}:${page.after.id}` : `${page.limit}:`;
}
