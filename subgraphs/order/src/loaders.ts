import DataLoader from "dataloader";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { listLoader, rowLoader } from "@shop/runtime";
import type { OrderDatabase } from "./db/database";
import { orderEvents, orderItems, orders } from "./db/schema";
import type { OrderModel, OrderStatus } from "./models";
import { pageKey, type OrderPage } from "./services/order-pages";

/** Built per request: one SQL query per batch, results in key order. */
export function createLoaders(db: OrderDatabase) {
  const pages = new Map<string, DataLoader<string, OrderModel[]>>();
  return {
    orderById: rowLoader(
      (ids: readonly string[]) =>
        db
          .select()
          .from(orders)
          .where(inArray(orders.id, [...ids])),
      (order) => order.id,
    ),
    itemsByOrderId: listLoader(
      (orderIds: readonly string[]) =>
        db
          .select()
          .from(orderItems)
          .where(inArray(orderItems.orderId, [...orderIds]))
          .orderBy(asc(orderItems.title), asc(orderItems.productId)),
      (item) => item.orderId,
    ),
    eventsByOrderId: listLoader(
      (orderIds: readonly string[]) =>
        db
          .select()
          .from(orderEvents)
          .where(inArray(orderEvents.orderId, [...orderIds]))
          .orderBy(asc(orderEvents.id)),
      (event) => event.orderId,
    ),
    orderCountByUserId: new DataLoader<string, number>(async (userIds) => {
      const rows = await db
        .select({ userId: orders.userId, count: count() })
        .from(orders)
        .where(inArray(orders.userId, [...userIds]))
        .groupBy(orders.userId);
      const byUser = new Map(rows.map((row) => [row.userId, row.count]));
      return userIds.map((userId) => byUser.get(userId) ?? 0);
    }),
    /**
     * A page of every customer's orders (`Query.orders`, ADMIN), by status filter and page: one statement per
     * distinct page, so fields asking for the same page share it.
     */
    feedPage: new DataLoader<FeedPage, OrderModel[], string>((wanted) => Promise.all(wanted.map((feed) => selectFeedPage(db, feed))), {
      cacheKeyFn: (feed) => `${feed.status ?? "*"}:${pageKey(feed.page)}`,
    }),
    /** How many orders there are in a status (or in all, for "ALL"), one statement per distinct status. */
    feedCount: new DataLoader<OrderStatus | "ALL", number>((statuses) =>
      Promise.all(
        statuses.map(async (status) => {
          const [row] = await db
            .select({ count: count() })
            .from(orders)
            .where(status === "ALL" ? undefined : eq(orders.status, status));
          return row?.count ?? 0;
        }),
      ),
    ),
    /** The same page (`first`/`after`) of many users' orders in one statement, `limit + 1` rows per user. */
    orderPage(page: OrderPage): DataLoader<string, OrderModel[]> {
      const key = pageKey(page);
      let loader = pages.get(key);
      if (!loader)
        pages.set(
          key,
          (loader = listLoader(
            (userIds) => selectOrderPages(db, userIds, page),
            (order) => order.userId,
          )),
        );
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** A page of the admin's order feed: every order, or those in `status`. */
export interface FeedPage {
  status: OrderStatus | null;
  page: OrderPage;
}

/** Walks (created_at desc, id desc), or (status, created_at desc, id desc) when filtered, and stops at `limit + 1`. */
function selectFeedPage(db: OrderDatabase, { status, page }: FeedPage): Promise<OrderModel[]> {
  const after = page.after
    ? sql`(${orders.createdAt}, ${orders.id}) < (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`
    : undefined;
  return db
    .select()
    .from(orders)
    .where(and(status ? eq(orders.status, status) : undefined, after))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit + 1);
}

/**
 * A LATERAL subquery per user walks the (user_id, created_at desc, id desc) index and stops after `limit + 1` rows,
 * so a page costs the same however many orders a user has.
 */
function selectOrderPages(db: OrderDatabase, userIds: readonly string[], page: OrderPage): Promise<OrderModel[]> {
  const after = page.after
    ? sql`(${orders.createdAt}, ${orders.id}) < (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`
    : undefined;
  const wanted = sql`unnest(${sql.param([...userIds])}::uuid[]) as wanted(user_id)`;
  const perUser = db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, sql`wanted.user_id`), after))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit + 1)
    .as("page");
  return db
    .select(perUser._.selectedFields)
    .from(wanted)
    .crossJoinLateral(perUser)
    .orderBy(perUser.userId, desc(perUser.createdAt), desc(perUser.id));
}
