import { describe, expect, it } from "vitest";
import { defaultsBesideReadme, refusalOf } from "@shop/runtime/testing";
import { cartEnvSchema, loadCartSettings } from "./settings";

describe("loadCartSettings", () => {
  it("defaults to a 72-hour guest cart and a sweep every 10 minutes", () => {
    expect(loadCartSettings({})).toEqual({ guestCartIdleMs: 72 * 3_600_000, guestCartSweepIntervalMs: 600_000 });
  });

  it.each(["../README.md", "../../../README.md"])("has the defaults %s documents", (readme) => {
    const { inCode, inReadme } = defaultsBesideReadme(cartEnvSchema, new URL(readme, import.meta.url));
    expect(inReadme).toEqual(inCode);
  });

  it("takes fractions of an hour, and refuses what is not a positive time", () => {
    expect(loadCartSettings({ GUEST_CART_IDLE_HOURS: "0.5", GUEST_CART_SWEEP_INTERVAL_MS: "1000" })).toEqual({
      guestCartIdleMs: 1_800_000,
      guestCartSweepIntervalMs: 1000,
    });
    const message = refusalOf(loadCartSettings, { GUEST_CART_IDLE_HOURS: "0", GUEST_CART_SWEEP_INTERVAL_MS: "often" });
    expect(message).toMatch(/GUEST_CART_IDLE_HOURS/);
    expect(message).toMatch(/GUEST_CART_SWEEP_INTERVAL_MS/);
  });
});
