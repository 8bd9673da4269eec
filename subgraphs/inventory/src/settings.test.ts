import { describe, expect, it } from "vitest";
import { defaultsBesideReadme, refusalOf } from "@shop/runtime/testing";
import { MAX_TTL_SECONDS } from "./services/reservations/reservation-lines";
import { inventoryEnvSchema, loadInventorySettings } from "./settings";

describe("loadInventorySettings", () => {
  it("defaults to the documented hold, job intervals and no key prefix", () => {
    expect(loadInventorySettings({})).toEqual({
      defaultHoldTtlSeconds: 900,
      sweepIntervalMs: 5000,
      reconcileIntervalMs: 30_000,
      stockUpdateIntervalMs: 250,
      stockKeyPrefix: "",
    });
  });

  it.each(["../README.md", "../../../README.md"])("has the defaults %s documents", (readme) => {
    const { inCode, inReadme } = defaultsBesideReadme(inventoryEnvSchema, new URL(readme, import.meta.url));
    expect(inReadme).toEqual(inCode);
  });

  it("takes each setting from its own variable", () => {
    const settings = loadInventorySettings({
      RESERVATION_TTL_SECONDS: "60",
      RESERVATION_SWEEP_INTERVAL_MS: "250",
      STOCK_RECONCILE_INTERVAL_MS: "1000",
      STOCK_UPDATE_INTERVAL_MS: "100",
      STOCK_KEY_PREFIX: "shop_a:",
    });

    expect(settings).toEqual({
      defaultHoldTtlSeconds: 60,
      sweepIntervalMs: 250,
      reconcileIntervalMs: 1000,
      stockUpdateIntervalMs: 100,
      stockKeyPrefix: "shop_a:",
    });
  });

  it("names every bad variable in one error, so one fix-up round is enough", () => {
    const message = refusalOf(loadInventorySettings, {
      RESERVATION_TTL_SECONDS: String(MAX_TTL_SECONDS + 1),
      RESERVATION_SWEEP_INTERVAL_MS: "0",
      STOCK_RECONCILE_INTERVAL_MS: "often",
      STOCK_UPDATE_INTERVAL_MS: "-1",
      STOCK_KEY_PREFIX: "{shop}:",
    });

    const [first, ...problems] = message.split("\n");
    expect(first).toBe("Invalid environment (inventory subgraph):");
    expect(problems.map((line) => line.trim().split(":")[0]).sort()).toEqual(Object.keys(inventoryEnvSchema.shape).sort());
    expect(message).toContain("STOCK_KEY_PREFIX: must not contain { or }");
  });

  it("ignores the shared and other services' variables", () => {
    expect(loadInventorySettings({ PAYMENT_MAX_ATTEMPTS: "0", GATEWAY_PORT: "http" })).toEqual(loadInventorySettings({}));
  });
});
