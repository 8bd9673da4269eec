import { describe, expect, it } from "vitest";
import { canSeeOrdersOf, visibleTo } from "./visibility";

const owner = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" as const };
const stranger = { userId: "22222222-2222-4222-8222-222222222222", role: "CUSTOMER" as const };
const admin = { userId: "33333333-3333-4333-8333-333333333333", role: "ADMIN" as const };

describe("order visibility", () => {
  it("lets the owner and an ADMIN see a user's orders, nobody else", () => {
    expect(canSeeOrdersOf(owner, owner.userId)).toBe(true);
    expect(canSeeOrdersOf(admin, owner.userId)).toBe(true);
    expect(canSeeOrdersOf(stranger, owner.userId)).toBe(false);
    expect(canSeeOrdersOf(null, owner.userId)).toBe(false);
  });

  it("hides an order from a stranger exactly like a missing one", () => {
    const order = { id: "o1", userId: owner.userId };
    expect(visibleTo(owner, order)).toBe(order);
    expect(visibleTo(admin, order)).toBe(order);
    expect(visibleTo(stranger, order)).toBeNull();
    expect(visibleTo(owner, null)).toBeNull();
  });
});
