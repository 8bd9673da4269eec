import { describe, expect, it } from "vitest";
import { choosePaymentProvider } from "./provider-choice";

describe("choosePaymentProvider", () => {
  it("refuses production without a provider, naming the variable and the staging escape", () => {
    expect(() => choosePaymentProvider(undefined, true)).toThrow(
      "NODE_ENV=production needs a payment provider: set PAYMENT_PROVIDER (one of: simulated). PAYMENT_PROVIDER=simulated charges nobody and is for staging only.",
    );
  });

  it("lets production run the simulated provider when asked for explicitly, with a warning to log", () => {
    expect(choosePaymentProvider("simulated", true)).toEqual({ name: "simulated", warning: expect.stringMatching(/staging only/) });
  });

  it("runs the simulated provider outside production, set or not, without a warning", () => {
    expect(choosePaymentProvider(undefined, false)).toEqual({ name: "simulated" });
    expect(choosePaymentProvider("simulated", false)).toEqual({ name: "simulated" });
  });
});
