import { readFileSync } from "node:fs";
import { runScript, type Redis } from "@shop/runtime";
import { availableKey, availablePrefixInScripts, HELD_KEY, READY_KEY, VERSION_KEY } from "./counter-keys";
import { encodeLines, type StockLine } from "../reservations/reservation-lines";
import type { Shortage } from "../reservations/reservation-state";

/**
 * The Redis side of the reservation protocol (README "Protocol"): one Lua script per operation, each atomic and
 * answering MISSING rather than ever reading an absent key as stock. The sources live beside this file; ioredis
 * sends them by EVALSHA and reloads them after a NOSCRIPT.
 */
const SCRIPT_NAMES = ["reserve", "release", "commit", "return", "resync", "apply-stock-delta"] as const;
type ScriptName = (typeof SCRIPT_NAMES)[number];

const sources = Object.fromEntries(
  SCRIPT_NAMES.map((name) => [name, readFileSync(new URL(`./${name}.lua`, import.meta.url), "utf8")]),
) as Record<ScriptName, string>;

/** The source of a script, for tools that load it themselves (the benchmark's redis-benchmark run). */
export function scriptSource(name: ScriptName): string {
  return sources[name];
}

type Reply = (string | number)[];
const commandName = (name: ScriptName) => `inventory_${name.replaceAll("-", "_")}`;

/** Runs one of the stock scripts by EVALSHA (runtime `runScript`). */
function run(redis: Redis, name: ScriptName, keys: string[], args: (string | number)[]): Promise<Reply> {
  return runScript<Reply>(redis, commandName(name), sources[name], keys, args);
}

export type ReserveAnswer = { kind: "OK" | "ALREADY" | "MISSING" } | { kind: "INSUFFICIENT"; shortages: Shortage[] };

/** reserve.lua: all lines of the order or none; ALREADY when `held` records the order. */
export async function reserveScript(redis: Redis, orderId: string, lines: readonly StockLine[]): Promise<ReserveAnswer> {
  const reply = await run(
    redis,
    "reserve",
    [READY_KEY, VERSION_KEY, HELD_KEY, ...lines.map((line) => availableKey(line.productId))],
    [orderId, encodeLines(lines), ...lines.map((line) => line.quantity)],
  );
  const [kind, ...rest] = reply;
  if (kind !== "INSUFFICIENT") return { kind: kind as "OK" | "ALREADY" | "MISSING" };
  const shortages = [];
  for (let i = 0; i < rest.length; i += 2) {
    const line = lines[Number(rest[i]) - 1]!;
    shortages.push({ productId: line.productId, requested: line.quantity, available: Math.max(0, Number(rest[i + 1])) });
  }
  return { kind, shortages };
}

/** release.lua: gives back the units `held` records for the order (once), answers MISSING, OK or NOOP. */
export async function releaseScript(redis: Redis, orderId: string, productIds: readonly string[]): Promise<"OK" | "NOOP" | "MISSING"> {
  const keys = [READY_KEY, VERSION_KEY, HELD_KEY, ...productIds.map(availableKey)];
  return (await run(redis, "release", keys, [orderId, availablePrefixInScripts(redis)]))[0] as "OK" | "NOOP" | "MISSING";
}

/** commit.lua: forgets the order in `held`; counters do not change. */
export async function commitScript(redis: Redis, orderId: string): Promise<"OK" | "MISSING"> {
  return (await run(redis, "commit", [READY_KEY, VERSION_KEY, HELD_KEY], [orderId]))[0] as "OK" | "MISSING";
}

/** return.lua: adds returned units to the counters, unless a resync finished since `readyToken` was read. */
export async function returnScript(redis: Redis, readyToken: string, lines: readonly StockLine[]): Promise<"OK" | "STALE" | "MISSING"> {
  const keys = [READY_KEY, VERSION_KEY, ...lines.map((line) => availableKey(line.productId))];
  return (await run(redis, "return", keys, [readyToken, ...lines.map((line) => line.quantity)]))[0] as "OK" | "STALE" | "MISSING";
}

/** apply-stock-delta.lua: INCRBY of one counter; MISSING when `ready` or the counter is absent. */
export async function applyStockDelta(redis: Redis, productId: string, delta: number): Promise<"OK" | "MISSING"> {
  return (await run(redis, "apply-stock-delta", [READY_KEY, VERSION_KEY, availableKey(productId)], [delta]))[0] as "OK" | "MISSING";
}

/** What resync.lua needs from PostgreSQL: every stocked product and every held order (PENDING ones oldest first). */
export interface ResyncSnapshot {
  version: string;
  products: { productId: string; onHand: number }[];
  orders: { orderId: string; status: "PENDING" | "ACTIVE"; lines: StockLine[] }[];
}

/** resync.lua: BUSY, or OK with the PENDING orders that no longer fit (the caller releases them). */
export async function resyncScript(
  redis: Redis,
  snapshot: ResyncSnapshot,
  readyToken: string,
): Promise<{ kind: "BUSY" } | { kind: "OK"; dropped: string[] }> {
  const args: (string | number)[] = [snapshot.version, readyToken, snapshot.products.length];
  for (const product of snapshot.products) args.push(product.productId, product.onHand);
  args.push(snapshot.orders.length);
  for (const order of snapshot.orders) args.push(order.orderId, order.status === "ACTIVE" ? "A" : "P", encodeLines(order.lines));
  const keys = [READY_KEY, VERSION_KEY, HELD_KEY, ...snapshot.products.map((product) => availableKey(product.productId))];
  const [kind, ...dropped] = await run(redis, "resync", keys, args);
  return kind === "BUSY" ? { kind } : { kind: "OK", dropped: dropped.map(String) };
}

/**
 * Seeds the counter of products whose stock rows were just inserted (SET NX): no reservation can be in Redis for
 * them yet, since every script refuses a product without a counter. An existing key belongs to a resync and wins.
 */
export async function initCounters(redis: Redis, rows: readonly { productId: string; onHand: number }[]): Promise<void> {
  const pipeline = redis.pipeline();
  for (const row of rows) pipeline.set(availableKey(row.productId), row.onHand, "NX");
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}

/** The `ready` token (null when absent), read by a return while it holds its stock rows: see return.lua. */
export function readReadyToken(redis: Redis): Promise<string | null> {
  return redis.get(READY_KEY);
}
