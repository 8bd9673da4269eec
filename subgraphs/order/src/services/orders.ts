import { forbidden, isUuid, parseId, requireAdmin, requireViewer, toConnection, type AddressInput } from "@shop/runtime";
import type { Context } from "../context";
import type { OrderDatabase, OrderTransaction } from "../db/database";
import { orderItems, orders } from "../db/schema";
import type { OrderConnectionModel, OrderModel, OrderStatus } from "../models";
import { orderTotal } from "./money";
import { recordStatusChange } from "./outbox";
import { orderCursorKey, parseOrderPage } from "./order-pages";
import { canSeeOrdersOf, visibleTo } from "./visibility";

type ReadContext = Pick<Context, "viewer" | "loaders">;

/** A line as bought: title and unit price are snapshots taken from the catalog at checkout. */
export interface NewOrderLine {
  productId: string;
  title: string;
  unitPriceAmount: number;
  quantity: number;
}

export interface NewOrder {
  userId: string;
  /** ISO 4217 code every line is priced in. */
  currency: string;
  lines: readonly NewOrderLine[];
  shippingAddress: AddressInput | null;
  /** The status the order starts in, recorded as its first timeline event. */
  status: OrderStatus;
  /** Why it starts in that status, if worth telling the customer. */
  note?: string | null;
  /** When it was placed; defaults to now (the seed backdates demo orders). */
  createdAt?: Date;
}

/**
 * Writes a new order inside the caller's transaction: the order row, its lines, and its first status as a timeline
 * event with its outbox row (like every status change). `createOrder` goes through here; the checkout saga writes
 * the same rows in one statement (saga-statements.ts).
 */
async function insertOrder(tx: OrderTransaction, input: NewOrder & { id?: string }): Promise<OrderModel> {
  if (input.lines.length === 0) throw new RangeError("An order needs at least one line");
  const createdAt = input.createdAt ?? new Date();
  const [order] = await tx
    .insert(orders)
    .values({
      ...(input.id ? { id: input.id } : {}),
      userId: input.userId,
      status: input.status,
      currency: input.currency,
      totalAmount: orderTotal(input.lines),
      shippingAddress: input.shippingAddress,
      createdAt,
      updatedAt: createdAt,
    })
    .returning();
  await tx.insert(orderItems).values(
    input.lines.map(({ productId, title, unitPriceAmount, quantity }) => ({
      productId,
      title,
      unitPriceAmount,
      quantity,
      orderId: order!.id,
    })),
  );
  await recordStatusChange(tx, { orderId: order!.id, userId: input.userId, status: input.status, note: input.note ?? null, at: createdAt });
  return order!;
}

/** `insertOrder` in a transaction of its own: a failing line leaves no order behind (seed, tests). */
export function createOrder(db: OrderDatabase, input: NewOrder): Promise<OrderModel> {
  return db.transaction((tx) => insertOrder(tx, input));
}

/** `Query.order`: the viewer's order (any for an ADMIN), null when missing or someone else's. */
export async function findOrder(ctx: ReadContext, id: string): Promise<OrderModel | null> {
  const viewer = requireViewer(ctx.viewer);
  const order = await ctx.loaders.orderById.load(parseId(id, "id"));
  return visibleTo(viewer, order);
}

/** An `Order` entity reference: same visibility as `Query.order`, and a malformed id is simply not found. */
export async function resolveOrderReference(ctx: ReadContext, id: string): Promise<OrderModel | null> {
  if (!isUuid(id)) return null;
  return visibleTo(ctx.viewer, await ctx.loaders.orderById.load(id.toLowerCase()));
}

/** A page of a user's orders, newest first; FORBIDDEN unless the viewer is that user or an ADMIN. */
export async function ordersOfUser(
  ctx: ReadContext,
  userId: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<OrderConnectionModel> {
  const viewer = requireViewer(ctx.viewer);
  if (!canSeeOrdersOf(viewer, userId)) throw forbidden("Only the user themselves or an ADMIN may list a user's orders");
  const page = parseOrderPage(first, after);
  const rows = await ctx.loaders.orderPage(page).load(userId);
  return { ...toConnection(rows, page.limit, orderCursorKey), totalCount: () => ctx.loaders.orderCountByUserId.load(userId) };
}

/** `Query.myOrders`: the signed-in viewer's own orders. */
export function myOrders(ctx: ReadContext, first: number | null | undefined, after: string | null | undefined) {
  return ordersOfUser(ctx, requireViewer(ctx.viewer).userId, first, after);
}

/** `Query.orders` (ADMIN): every customer's orders, newest first, optionally in one status only. */
export async function allOrders(
  ctx: ReadContext,
  status: OrderStatus | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<OrderConnectionModel> {
  requireAdmin(ctx.viewer);
  const page = parseOrderPage(first, after);
  const rows = await ctx.loaders.feedPage.load({ status: status ?? null, page });
  return { ...toConnection(rows, page.limit, orderCursorKey), totalCount: () => ctx.loaders.feedCount.load(status ?? "ALL") };
}
