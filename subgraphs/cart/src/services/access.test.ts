import { describe, expect, it } from "vitest";
import { assertCanReadCart, assertCanReadCartOf } from "./access";

const owner = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" as const };
const other = { userId: "22222222-2222-4222-8222-222222222222", role: "CUSTOMER" as const };
const admin = { userId: "33333333-3333-4333-8333-333333333333", role: "ADMIN" as const };
const code = (value: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: value }) });

describe("assertCanReadCartOf", () => {
  it("lets the owner and an ADMIN through the gateway", () => {
    expect(() => assertCanReadCartOf({ caller: "gateway", viewer: owner }, owner.userId)).not.toThrow();
    expect(() => assertCanReadCartOf({ caller: "gateway", viewer: admin }, owner.userId)).not.toThrow();
  });

  it("refuses another customer and an anonymous client", () => {
    expect(() => assertCanReadCartOf({ caller: "gateway", viewer: other }, owner.userId)).toThrow(code("FORBIDDEN"));
    expect(() => assertCanReadCartOf({ caller: "gateway", viewer: null }, owner.userId)).toThrow(code("UNAUTHENTICATED"));
  });

  it("trusts a sibling service", () => {
    expect(() => assertCanReadCartOf({ caller: "order", viewer: null }, owner.userId)).not.toThrow();
  });
});

describe("assertCanReadCart", () => {
  it("checks a user's cart as assertCanReadCartOf does", () => {
    expect(() => assertCanReadCart({ caller: "gateway", viewer: other }, { userId: owner.userId })).toThrow(code("FORBIDDEN"));
    expect(() => assertCanReadCart({ caller: "gateway", viewer: null }, { userId: owner.userId })).toThrow(code("UNAUTHENTICATED"));
    expect(() => assertCanReadCart({ caller: "gateway", viewer: owner }, { userId: owner.userId })).not.toThrow();
  });

  it("lets anonymous callers, an ADMIN and services reference a guest cart, and refuses signed-in customers", () => {
    expect(() => assertCanReadCart({ caller: "gateway", viewer: null }, { userId: null })).not.toThrow();
    expect(() => assertCanReadCart({ caller: "gateway", viewer: admin }, { userId: null })).not.toThrow();
    expect(() => assertCanReadCart({ caller: "order", viewer: null }, { userId: null })).not.toThrow();
    expect(() => assertCanReadCart({ caller: "gateway", viewer: owner }, { userId: null })).toThrow(code("FORBIDDEN"));
  });
});
