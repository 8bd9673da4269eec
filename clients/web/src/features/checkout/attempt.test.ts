import { describe, expect, it } from "vitest";
import { CheckoutAttempt } from "./attempt";

function counter() {
  let next = 0;
  return () => `key-${++next}`;
}

describe("CheckoutAttempt", () => {
  it("reuses the key when the same request is retried before an answer", () => {
    const attempt = new CheckoutAttempt(counter());
    const request = { card: "pm_card_visa", address: { city: "London" } };
    expect(attempt.keyFor(request)).toBe("key-1");
    expect(attempt.keyFor({ ...request })).toBe("key-1");
  });

  it("starts a new attempt when the request changes", () => {
    const attempt = new CheckoutAttempt(counter());
    attempt.keyFor({ card: "pm_card_declined" });
    expect(attempt.keyFor({ card: "pm_card_visa" })).toBe("key-2");
  });

  it("starts a new attempt after the server settled the previous one, even with the same request", () => {
    const attempt = new CheckoutAttempt(counter());
    attempt.keyFor({ card: "pm_card_declined" });
    attempt.settled();
    expect(attempt.keyFor({ card: "pm_card_declined" })).toBe("key-2");
  });
});
