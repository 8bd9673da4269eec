/** A product and how many units of it a cart line holds. */
export interface Line {
  productId: string;
  quantity: number;
}

/** Why a guest line was left out of a merge. */
type DropReason = "NO_LONGER_SOLD" | "CART_FULL";

export interface MergePlan {
  /** The account's lines to write, with their final quantities (new lines and raised ones only). */
  writes: Line[];
  /** Guest lines left out, and why. */
  dropped: (Line & { reason: DropReason })[];
  /** Lines whose summed quantity went past `maxLineQuantity`: `requested` is the sum, `quantity` what is kept. */
  capped: { productId: string; requested: number; quantity: number }[];
}

/**
 * How a guest cart merges into an account's cart, taking guest lines in cart order: a product no longer sold is dropped;
 * one the account holds is summed, capped at `maxLineQuantity`; a new one is added while the account holds fewer than
 * `maxLines` lines, else dropped as CART_FULL. The account's own lines are never lowered or removed.
 */
export function planGuestCartMerge(input: {
  accountLines: readonly Line[];
  guestLines: readonly Line[];
  isSold: (productId: string) => boolean;
  maxLineQuantity: number;
  maxLines: number;
}): MergePlan {
  const held = new Map(input.accountLines.map((line) => [line.productId, line.quantity]));
  const plan: MergePlan = { writes: [], dropped: [], capped: [] };
  for (const guest of input.guestLines) {
    if (!input.isSold(guest.productId)) {
      plan.dropped.push({ ...guest, reason: "NO_LONGER_SOLD" });
      continue;
    }
    const current = held.get(guest.productId);
    if (current === undefined && held.size >= input.maxLines) {
      plan.dropped.push({ ...guest, reason: "CART_FULL" });
      continue;
    }
    const requested = (current ?? 0) + guest.quantity;
    const quantity = Math.min(requested, input.maxLineQuantity);
    if (quantity < requested) plan.capped.push({ productId: guest.productId, requested, quantity });
    held.set(guest.productId, quantity);
    if (quantity !== current) plan.writes.push({ productId: guest.productId, quantity });
  }
  return plan;
}
