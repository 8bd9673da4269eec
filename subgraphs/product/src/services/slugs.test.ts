import { describe, expect, it } from "vitest";
import { MAX_SLUG_LENGTH, firstFreeSlug, slugify } from "./slugs";

describe("slugify", () => {
  it.each([
    ["Stainless Steel Kettle", "stainless-steel-kettle"],
    ["  Crème Brûlée  Torch!! ", "creme-brulee-torch"],
    ["Men's 2-in-1 Jacket", "mens-2-in-1-jacket"],
    ["Salt & Pepper Mill", "salt-and-pepper-mill"],
    ["---", "product"],
    ["日本茶", "product"],
  ])("%j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("cuts long titles at a word boundary", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith("word")).toBe(true);
    expect(slugify("x".repeat(200))).toHaveLength(MAX_SLUG_LENGTH);
  });
});

describe("firstFreeSlug", () => {
  it("keeps the base when it is free", () => {
    expect(firstFreeSlug("kettle", [])).toBe("kettle");
    expect(firstFreeSlug("kettle", ["kettle-2"])).toBe("kettle");
  });

  it("numbers from 2 and fills gaps", () => {
    expect(firstFreeSlug("kettle", ["kettle"])).toBe("kettle-2");
    expect(firstFreeSlug("kettle", ["kettle", "kettle-2", "kettle-4"])).toBe("kettle-3");
  });

  it("ignores slugs that only share the prefix", () => {
    expect(firstFreeSlug("kettle", ["kettle", "kettle-black", "kettle-02", "kettle-2-pack"])).toBe("kettle-2");
  });
});
