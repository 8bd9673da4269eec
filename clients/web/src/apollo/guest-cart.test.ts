import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { describe, expect, it } from "vitest";
import { guestTokenOf, isRefusedToken, withoutGuestToken } from "./guest-cart";

const unauthenticated = { message: "Sign in", extensions: { code: "UNAUTHENTICATED" } };

describe("guestTokenOf", () => {
  it("finds the guest token of the cart a mutation answered", () => {
    expect(guestTokenOf({ addToCart: { id: "c1", guestToken: "t1" } })).toBe("t1");
  });

  it("finds none in an account's cart, in other answers, or in none", () => {
    expect(guestTokenOf({ addToCart: { id: "c1", guestToken: null } })).toBeNull();
    expect(guestTokenOf({ product: { id: "p1" }, logOut: true })).toBeNull();
    expect(guestTokenOf(undefined)).toBeNull();
  });
});

describe("isRefusedToken", () => {
  it("is true for a 401 and for UNAUTHENTICATED with no data", () => {
    const response = new Response("{}", { status: 401 });
    expect(isRefusedToken(new ServerError("Unauthorized", { response, bodyText: "{}" }))).toBe(true);
    expect(isRefusedToken(new CombinedGraphQLErrors({ errors: [unauthenticated] }))).toBe(true);
  });

  it("is false for a partial answer, another code or another status", () => {
    expect(isRefusedToken(new CombinedGraphQLErrors({ data: { product: null }, errors: [unauthenticated] }))).toBe(false);
    expect(isRefusedToken(new CombinedGraphQLErrors({ errors: [{ message: "No", extensions: { code: "FORBIDDEN" } }] }))).toBe(false);
    const response = new Response("{}", { status: 429 });
    expect(isRefusedToken(new ServerError("Too many", { response, bodyText: "{}" }))).toBe(false);
  });
});

describe("withoutGuestToken", () => {
  it("takes the refused token out of logIn's and signUp's variables, and nothing else", () => {
    expect(withoutGuestToken({ email: "a@b.c", guestCartToken: "bad" }, "bad")).toEqual({ email: "a@b.c" });
    expect(withoutGuestToken({ input: { name: "A", guestCartToken: "bad" } }, "bad")).toEqual({ input: { name: "A" } });
    expect(withoutGuestToken({ guestCartToken: "newer", productId: "p1" }, "bad")).toEqual({ guestCartToken: "newer", productId: "p1" });
  });
});
