import { z } from "zod";
import { parseEnv, type EnvSource } from "@shop/runtime";

/** The variables only the cart subgraph reads, with their defaults (README "Environment"; keep the two in step). */
export const cartEnvSchema = z.object({
  // Hours, fractions allowed (a test or a demo may want minutes); a guest cart untouched this long is deleted.
  GUEST_CART_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(72),
  GUEST_CART_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
});

export interface CartSettings {
  /** A guest cart lives this long after its last change; its token expires at the same moment. */
  guestCartIdleMs: number;
  /** How often the sweeper deletes the guest carts idle past `guestCartIdleMs`. */
  guestCartSweepIntervalMs: number;
}

/** Reads and validates the cart subgraph's own settings; throws one error naming every bad variable. */
export function loadCartSettings(source: EnvSource = process.env): CartSettings {
  const env = parseEnv(cartEnvSchema, source, "cart subgraph");
  return {
    guestCartIdleMs: Math.round(env.GUEST_CART_IDLE_HOURS * 3_600_000),
    guestCartSweepIntervalMs: env.GUEST_CART_SWEEP_INTERVAL_MS,
  };
}
