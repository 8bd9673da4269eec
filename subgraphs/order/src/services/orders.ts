import { forbidden, isUuid, parseId, requireViewer, toConnection, type AddressInput } from "@shop/runtime";
import type { Context, OrderDatabase } from "../context";
import { orderEvents, orderItems, orders } from "../db/schema";
import type { OrderConnectionModel, OrderModel, OrderStatus } from "../models";
import { orderTotal } from "./money";
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
 * Inserts the order, its lines and its first timeline event in one transaction, so a failing line leaves no
 * order behind. Throws (nothing written) on no lines or a total that does not fit an amount.
 */
export async function createOrder(db: OrderDatabase, input: NewOrder): Promise<OrderModel> {
  if (input.lines.length === 0) throw new RangeError("An order needs at least one line");
  const totalAmount = orderTotal(input.lines);
  const createdAt = input.createdAt ?? new Date();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values({
        userId: input.userId,
        status: input.status,
        currency: input.currency,
        totalAmount,
        shippingAddress: input.shippingAddress,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    await tx.insert(orderItems).values(input.lines.map((line) => ({ ...line, orderId: order!.id })));
    await tx.insert(orderEvents).values({ orderId: order!.id, status: input.status, note: input.note ?? null, at: createdAt });
    return order!;
  });
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
