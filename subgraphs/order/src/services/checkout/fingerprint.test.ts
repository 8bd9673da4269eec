import { describe, expect, it } from "vitest";
import { cartFingerprint, requestFingerprint } from "./fingerprint";

const address = { name: "Ada", line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };

describe("checkout fingerprints", () => {
  it("tells requests apart by address and token", () => {
    const base = requestFingerprint({ shippingAddress: address, paymentToken: "pm_card_visa" });
    expect(requestFingerprint({ shippingAddress: { ...address }, paymentToken: "pm_card_visa" })).toBe(base);
    expect(requestFingerprint({ shippingAddress: address, paymentToken: "pm_card_declined" })).not.toBe(base);
    expect(requestFingerprint({ shippingAddress: { ...address, city: "Shelbyville" }, paymentToken: "pm_card_visa" })).not.toBe(base);
  });

  it("ignores line order but not quantities", () => {
    const a = { productId: "a", quantity: 1 };
    const b = { productId: "b", quantity: 2 };
    expect(cartFingerprint([a, b])).toBe(cartFingerprint([b, a]));
    expect(cartFingerprint([a, { ...b, quantity: 3 }])).not.toBe(cartFingerprint([a, b]));
  });
});
