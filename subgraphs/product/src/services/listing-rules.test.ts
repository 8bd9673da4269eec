import { describe, expect, it } from "vitest";
import { MAX_SEARCH_LENGTH, parseProductFilter, rankKey, titleKey } from "./listing-rules";

const ID = "0b7c4a7e-0000-4000-8000-000000000001";
const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return "no error";
};

describe("parseProductFilter", () => {
  it("treats a missing or blank search as no search and trims the rest", () => {
    expect(parseProductFilter(undefined)).toEqual({ search: null, categorySlug: null, minPrice: null, maxPrice: null });
    expect(parseProductFilter({ search: "  \t " }).search).toBeNull();
    expect(parseProductFilter({ search: "  red kettle " }).search).toBe("red kettle");
  });

  it("accepts inclusive equal bounds and zero", () => {
    expect(parseProductFilter({ minPrice: 0, maxPrice: 0 })).toMatchObject({ minPrice: 0, maxPrice: 0 });
  });

  it("names the field of a bad bound or an overlong search", () => {
    expect(fieldOf(() => parseProductFilter({ minPrice: -1 }))).toBe("filter.minPrice");
    expect(fieldOf(() => parseProductFilter({ maxPrice: -1 }))).toBe("filter.maxPrice");
    expect(fieldOf(() => parseProductFilter({ minPrice: 2, maxPrice: 1 }))).toBe("filter.maxPrice");
    expect(fieldOf(() => parseProductFilter({ search: "x".repeat(MAX_SEARCH_LENGTH + 1) }))).toBe("filter.search");
  });
});

describe("cursor keys", () => {
  it("accepts the shape each order writes", () => {
    expect(titleKey(["Kettle", ID])).toEqual(["Kettle", ID]);
    expect(rankKey([0.0607927, ID])).toEqual([0.0607927, ID]);
    expect(titleKey(null)).toBeNull();
    expect(rankKey(null)).toBeNull();
  });

  it.each([[{ title: "x" }], [["Kettle"]], [["Kettle", "not-a-uuid"]], [[1, ID]], ["string"]])("rejects %j as a title cursor", (after) => {
    expect(fieldOf(() => titleKey(after))).toBe("after");
  });

  it.each([[["Kettle", ID]], [[Number.NaN, ID]], [[0.5, "1; drop table products"]], [[0.5, ID, 3]]])(
    "rejects %j as a rank cursor",
    (after) => {
      expect(fieldOf(() => rankKey(after))).toBe("after");
    },
  );
});
