import { describe, expect, it } from "vitest";
import { assertSellable } from "./catalog";

const id = "44444444-4444-4444-8444-444444444444";

describe("assertSellable", () => {
  it("accepts an ACTIVE product", () => {
    expect(() => assertSellable({ id, status: "ACTIVE" }, id)).not.toThrow();
  });

  it("refuses an unknown product as NOT_FOUND and an archived one as BAD_USER_INPUT on productId", () => {
    expect(() => assertSellable(null, id)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "NOT_FOUND", id }) }),
    );
    expect(() => assertSellable({ id, status: "ARCHIVED" }, id)).toThrow(
      expect.objectContaining({
        message: `productId: product ${id} is no longer sold`,
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "productId" }),
      }),
    );
  });
});
