import type { CartMergeFieldsFragment } from "../../generated/graphql";

const DROP_REASONS: Record<CartMergeFieldsFragment["droppedLines"][number]["reason"], string> = {
  NO_LONGER_SOLD: "no longer sold",
  CART_FULL: "your cart was full",
};

/**
 * The short note a sign-in shows when merging the visitor's guest cart left lines out or cut them down; null when
 * everything came along (or there was nothing to merge).
 */
export function mergeNote(merge: CartMergeFieldsFragment | null | undefined): string | null {
  if (!merge?.merged) return null;
  const parts = [
    ...merge.droppedLines.map((line) => `${line.product.title} was left out (${DROP_REASONS[line.reason]})`),
    ...merge.cappedLines.map((line) => `${line.product.title} was cut to ${line.quantity} (you asked for ${line.requested})`),
  ];
  return parts.length ? `Your cart came with you, but: ${parts.join("; ")}.` : null;
}
