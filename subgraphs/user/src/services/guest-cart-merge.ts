import { verifyGuestCartToken } from "@shop/runtime";
import type { Context } from "../context";
import type { CartMergeModel, DroppedCartLineModel } from "../models";
import type { GuestCartMergeAnswer } from "../siblings";

type MergeContext = Pick<Context, "config" | "siblings" | "log">;

/**
 * Checks a sign-in's guest cart token before the sign-in does anything (UNAUTHENTICATED when forged or expired), so a
 * refused token never leaves an account created or a session started behind it. Verified here with the cart
 * subgraph's public key, which signs the tokens: no call needed.
 */
export async function checkGuestCartToken(ctx: Pick<Context, "config">, token: string | null | undefined): Promise<void> {
  if (token != null) await verifyGuestCartToken(ctx.config.internalKeys, token);
}

/**
 * Merges the guest cart into the account that just signed in (the cart subgraph's internal mergeGuestCart: once per
 * guest cart, so a retried sign-in merges nothing more). The sign-in stands whatever happens here: when the cart
 * subgraph cannot be reached, the answer's cartMerge is null and the guest cart is left as it was, to be merged by
 * the next sign-in with its token.
 */
export async function mergeGuestCartInto(
  ctx: MergeContext,
  userId: string,
  token: string | null | undefined,
): Promise<CartMergeModel | null> {
  if (token == null) return null;
  try {
    return toCartMerge(await ctx.siblings.mergeGuestCart(userId, token));
  } catch (error) {
    ctx.log.warn({ err: error, userId }, "guest cart merge failed: the sign-in stands, the guest cart is kept");
    return null;
  }
}

const DROP_REASONS: readonly string[] = ["NO_LONGER_SOLD", "CART_FULL"] satisfies DroppedCartLineModel["reason"][];

function toCartMerge(answer: GuestCartMergeAnswer): CartMergeModel {
  return {
    merged: answer.merged,
    droppedLines: answer.droppedLines.map((line) => {
      if (!DROP_REASONS.includes(line.reason)) throw new Error(`the cart subgraph answered an unknown drop reason: ${line.reason}`);
      return { ...line, reason: line.reason as DroppedCartLineModel["reason"] };
    }),
    cappedLines: answer.cappedLines.map((line) => ({ ...line })),
  };
}
