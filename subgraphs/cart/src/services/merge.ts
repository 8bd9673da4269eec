import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { MAX_ORDER_LINES, parseId, verifyGuestCartToken } from "@shop/runtime";
import type { Context } from "../context";
import { cartItems, carts, guestCartMerges } from "../db/schema";
import { lockCartLines } from "./cart-lock";
import { ensureCarts } from "./ensure-carts";
import { planGuestCartMerge, type MergePlan } from "./merge-rules";
import { MAX_LINE_QUANTITY } from "./quantity";

/** What mergeGuestCart answers (GuestCartMerge). */
export type MergeOutcome = { merged: boolean; droppedLines: MergePlan["dropped"]; cappedLines: MergePlan["capped"] };

const NOTHING_MERGED: MergeOutcome = { merged: false, droppedLines: [], cappedLines: [] };

type MergeContext = Pick<Context, "db" | "siblings" | "internalKeys">;

/**
 * Internal, for logIn and signUp: moves the guest cart `token` names into `userId`'s cart (merge-rules.ts) and deletes
 * it, in one transaction. The merge record (primary key: the guest cart's id) is inserted first: of two sign-ins with
 * one token at once, the second waits on that key until the first commits, then finds it and merges nothing, so the
 * same token merges once. Both carts' line locks are then taken (the account's first, as every merge does), so no
 * addToCart slips a line past MAX_ORDER_LINES meanwhile. A forged or expired token is UNAUTHENTICATED.
 */
export async function mergeGuestCart(ctx: MergeContext, userIdArg: string, token: string): Promise<MergeOutcome> {
  const userId = parseId(userIdArg, "userId");
  const guestCartId = await verifyGuestCartToken(ctx.internalKeys, token);
  const [account] = await ensureCarts(ctx.db, [userId]);
  return ctx.db.transaction(async (tx) => {
    const first = await tx.insert(guestCartMerges).values({ guestCartId, userId }).onConflictDoNothing().returning();
    if (first.length === 0) return NOTHING_MERGED;
    await lockCartLines(tx, account!.id);
    await lockCartLines(tx, guestCartId);
    const [guest] = await tx
      .select({ id: carts.id })
      .from(carts)
      .where(and(eq(carts.id, guestCartId), isNull(carts.userId)));
    // Swept after its idle time between the token check and here: nothing left to merge.
    if (!guest) return NOTHING_MERGED;
    const linesOf = (cartId: string) =>
      tx
        .select({ productId: cartItems.productId, quantity: cartItems.quantity })
        .from(cartItems)
        .where(eq(cartItems.cartId, cartId))
        .orderBy(asc(cartItems.addedAt), asc(cartItems.id));
    const guestLines = await linesOf(guestCartId);
    const sold = new Set(
      (await ctx.siblings.productStatuses(guestLines.map((line) => line.productId)))
        .filter((snapshot) => snapshot.status === "ACTIVE")
        .map((snapshot) => snapshot.id),
    );
    const plan = planGuestCartMerge({
      accountLines: await linesOf(account!.id),
      guestLines,
      isSold: (productId) => sold.has(productId),
      maxLineQuantity: MAX_LINE_QUANTITY,
      maxLines: MAX_ORDER_LINES,
    });
    if (plan.writes.length > 0) {
      const rows = plan.writes.map((line) => ({ product_id: line.productId, quantity: line.quantity }));
      await tx.execute(sql`
        insert into ${cartItems} (cart_id, product_id, quantity)
        select ${account!.id}, product_id, quantity from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as line(product_id uuid, quantity int)
        on conflict (cart_id, product_id) do update set quantity = excluded.quantity, updated_at = now()`);
    }
    await tx.delete(carts).where(eq(carts.id, guestCartId));
    await tx
      .update(carts)
      .set({ updatedAt: sql`now()` })
      .where(eq(carts.id, account!.id));
    return { merged: true, droppedLines: plan.dropped, cappedLines: plan.capped };
  });
}
