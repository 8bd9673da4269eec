import { describe, expect, it } from "vitest";
import type { CartMergeFieldsFragment } from "../../generated/graphql";
import { mergeNote } from "./merge-note";

const product = (title: string) => ({ id: crypto.randomUUID(), title });
const merge = (parts: Partial<CartMergeFieldsFragment>): CartMergeFieldsFragment => ({
  merged: true,
  droppedLines: [],
  cappedLines: [],
  ...parts,
});

describe("mergeNote", () => {
  it("says nothing when every line came along, nothing was merged, or there was no guest cart", () => {
    expect(mergeNote(merge({}))).toBeNull();
    expect(mergeNote(merge({ merged: false, droppedLines: [{ quantity: 1, reason: "CART_FULL", product: product("Lamp") }] }))).toBeNull();
    expect(mergeNote(null)).toBeNull();
  });

  it("names each line left out and each line cut down", () => {
    const note = mergeNote(
      merge({
        droppedLines: [{ quantity: 2, reason: "NO_LONGER_SOLD", product: product("Lamp") }],
        cappedLines: [{ requested: 120, quantity: 99, product: product("Mug") }],
      }),
    );
    expect(note).toBe("Your cart came with you, but: Lamp was left out (no longer sold); Mug was cut to 99 (you asked for 120).");
  });
});
