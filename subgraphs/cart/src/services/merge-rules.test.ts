import { describe, expect, it } from "vitest";
import { planGuestCartMerge, type Line } from "./merge-rules";

const [a, b, c, d] = ["a", "b", "c", "d"].map((letter) => `${letter.repeat(8)}-0000-4000-8000-000000000000`) as [
  string,
  string,
  string,
  string,
];
const sold =
  (...archived: string[]) =>
  (productId: string) =>
    !archived.includes(productId);
const plan = (accountLines: Line[], guestLines: Line[], isSold = sold(), maxLines = 100) =>
  planGuestCartMerge({ accountLines, guestLines, isSold, maxLineQuantity: 99, maxLines });

describe("planGuestCartMerge", () => {
  it("adds the guest's products the account lacks and sums those it holds", () => {
    expect(
      plan(
        [{ productId: a, quantity: 2 }],
        [
          { productId: a, quantity: 3 },
          { productId: b, quantity: 1 },
        ],
      ),
    ).toEqual({
      writes: [
        { productId: a, quantity: 5 },
        { productId: b, quantity: 1 },
      ],
      dropped: [],
      capped: [],
    });
  });

  it("caps a summed line at the most a line holds and says so", () => {
    expect(plan([{ productId: a, quantity: 60 }], [{ productId: a, quantity: 50 }])).toEqual({
      writes: [{ productId: a, quantity: 99 }],
      dropped: [],
      capped: [{ productId: a, requested: 110, quantity: 99 }],
    });
  });

  it("writes nothing for a line already at the cap, but still notes the cap", () => {
    const merged = plan([{ productId: a, quantity: 99 }], [{ productId: a, quantity: 1 }]);
    expect(merged.writes).toEqual([]);
    expect(merged.capped).toEqual([{ productId: a, requested: 100, quantity: 99 }]);
  });

  it("drops products no longer sold, whether or not the account holds them", () => {
    const merged = plan(
      [{ productId: a, quantity: 1 }],
      [
        { productId: a, quantity: 1 },
        { productId: b, quantity: 4 },
      ],
      sold(a, b),
    );
    expect(merged.writes).toEqual([]);
    expect(merged.dropped).toEqual([
      { productId: a, quantity: 1, reason: "NO_LONGER_SOLD" },
      { productId: b, quantity: 4, reason: "NO_LONGER_SOLD" },
    ]);
  });

  it("adds new lines only while the account holds fewer than the line limit, in the guest cart's order", () => {
    const merged = plan(
      [{ productId: a, quantity: 1 }],
      [
        { productId: b, quantity: 1 },
        { productId: c, quantity: 2 },
        { productId: a, quantity: 1 },
      ],
      sold(),
      2,
    );
    expect(merged.writes).toEqual([
      { productId: b, quantity: 1 },
      { productId: a, quantity: 2 },
    ]);
    expect(merged.dropped).toEqual([{ productId: c, quantity: 2, reason: "CART_FULL" }]);
  });

  it("merges an empty guest cart into nothing, and a guest cart into an empty account as it is", () => {
    expect(plan([{ productId: d, quantity: 3 }], [])).toEqual({ writes: [], dropped: [], capped: [] });
    expect(plan([], [{ productId: d, quantity: 3 }]).writes).toEqual([{ productId: d, quantity: 3 }]);
  });
});
