import { z } from "zod";
import { parseEnv, type EnvSource } from "@shop/runtime";
import { MAX_TTL_SECONDS } from "./services/reservations/reservation-lines";

const positiveInt = z.coerce.number().int().positive();

/** The variables only the inventory subgraph reads, with their defaults (README "Environment"; keep the two in step). */
export const inventoryEnvSchema = z.object({
  // Capped like a caller's ttlSeconds: a longer default would make every reserve that names no TTL fail.
  RESERVATION_TTL_SECONDS: positiveInt.max(MAX_TTL_SECONDS).default(900),
  RESERVATION_SWEEP_INTERVAL_MS: positiveInt.default(5000),
  STOCK_RECONCILE_INTERVAL_MS: positiveInt.default(30_000),
  STOCK_UPDATE_INTERVAL_MS: positiveInt.default(250),
  STOCK_KEY_PREFIX: z
    .string()
    .regex(/^[^{}]*$/, "must not contain { or }: the keys' {stock} hash tag must stay the only one")
    .default(""),
});

export interface InventorySettings {
  /** Hold of a reservation whose caller names no `ttlSeconds`. */
  defaultHoldTtlSeconds: number;
  /** The sweeper: releases expired holds and leftovers of callers that died. */
  sweepIntervalMs: number;
  /** The reconciler: one resync of the Redis counters from PostgreSQL (drift repair). */
  reconcileIntervalMs: number;
  /** Live stock (`stockChanged`): at most one update per product per this many milliseconds, the last always sent. */
  stockUpdateIntervalMs: number;
  /** Put before every stock key in Redis, so inventories with their own databases can share one Redis database. */
  stockKeyPrefix: string;
}

/** Reads and validates the inventory subgraph's own settings; throws one error naming every bad variable. */
export function loadInventorySettings(source: EnvSource = process.env): InventorySettings {
  const env = parseEnv(inventoryEnvSchema, source, "inventory subgraph");
  return {
    defaultHoldTtlSeconds: env.RESERVATION_TTL_SECONDS,
    sweepIntervalMs: env.RESERVATION_SWEEP_INTERVAL_MS,
    reconcileIntervalMs: env.STOCK_RECONCILE_INTERVAL_MS,
    stockUpdateIntervalMs: env.STOCK_UPDATE_INTERVAL_MS,
    stockKeyPrefix: env.STOCK_KEY_PREFIX,
  };
}
