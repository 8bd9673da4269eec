import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { MAX_WATCHED_PRODUCTS, parseWatchedProductIds } from "./watched-products";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function refusal(productIds: string[]) {
  try {
    parseWatchedProductIds(productIds);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("expected a refusal");
}

describe("parseWatchedProductIds", () => {
  it("keeps each well-formed id once, lower-cased", () => {
    expect(parseWatchedProductIds([id(1), id(2).toUpperCase(), id(1)])).toEqual([id(1), id(2)]);
  });

  it(`accepts ${MAX_WATCHED_PRODUCTS} products and refuses one more, or none`, () => {
    const most = Array.from({ length: MAX_WATCHED_PRODUCTS }, (_, n) => id(n));
    expect(parseWatchedProductIds(most)).toHaveLength(MAX_WATCHED_PRODUCTS);
    const tooMany = refusal([...most, id(MAX_WATCHED_PRODUCTS)]);
    expect(tooMany.message).toBe(`productIds: at most ${MAX_WATCHED_PRODUCTS} products per subscription (got ${MAX_WATCHED_PRODUCTS + 1})`);
    expect(tooMany.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "productIds" });
    expect(refusal([]).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "productIds" });
  });

  it("refuses a malformed id, naming it", () => {
    const error = refusal([id(1), "not-an-id"]);
    expect(error.message).toBe('productIds: "not-an-id" is not a valid id');
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "productIds" });
  });
});
