import { describe, expect, it } from "vitest";
import { filterFromSearchParams } from "./filters";

describe("filterFromSearchParams", () => {
  it("reads search, category and a price range in whole units as cents", () => {
    const filter = filterFromSearchParams(new URLSearchParams("q= lamp &category=kitchen&min=12.5&max=40"));
    expect(filter).toEqual({ search: "lamp", categorySlug: "kitchen", minPrice: 1250, maxPrice: 4000 });
  });

  it("leaves out empty and unreadable bounds rather than sending them", () => {
    expect(filterFromSearchParams(new URLSearchParams("q=&min=abc&max=-3"))).toEqual({});
  });
});
