import { describe, expect, it } from "vitest";
import { testConfig } from "@shop/runtime/testing";
import { startOrderSubgraph } from "../src/app";
import { loadOrderSettings } from "../src/settings";

describe("the order subgraph's payment provider", () => {
  it("refuses to start in production when PAYMENT_PROVIDER is not set, before it touches anything", () => {
    const config = { ...testConfig(), env: "production" as const };

    expect(() => startOrderSubgraph(config, loadOrderSettings({}))).toThrow(
      /NODE_ENV=production needs a payment provider: set PAYMENT_PROVIDER/,
    );
  });

  it("starts in production with PAYMENT_PROVIDER=simulated (staging), reporting the provider it runs", async () => {
    const config = { ...testConfig(), env: "production" as const };
    const orders = await startOrderSubgraph(config, loadOrderSettings({ PAYMENT_PROVIDER: "simulated" }));
    try {
      const ready = (await (await fetch(new URL("/readyz", orders.url))).json()) as { payments: { provider: string } };
      expect(ready.payments.provider).toBe("simulated");
    } finally {
      await orders.stop();
    }
  });
});
