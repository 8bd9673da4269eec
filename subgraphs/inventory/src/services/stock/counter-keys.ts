import type { Redis } from "@shop/runtime";

/**
 * The one place Redis keys of this subgraph are built. The client puts STOCK_KEY_PREFIX (if any) before each of them.
 *
 * `{stock}` is a Redis Cluster hash tag shared by every key: a reservation is one Lua script over all lines of an
 * order (all or none) plus the `held` hash and the `version` counter, and a script may only touch keys of one
 * slot, so everything a script can combine must hash together. One shop's stock therefore lives in one slot; a
 * multi-shop deployment would tag by shop id to spread shops across the cluster.
 */
const TAG = "inventory:{stock}";

/** Prefix of every `available` counter, as the client names it. */
export const AVAILABLE_PREFIX = `${TAG}:available:`;

/**
 * The prefix a script rebuilds counter keys with (release.lua reads lines back from `held`): a key built inside a
 * script does not get the client's key prefix, so it is added here.
 */
export function availablePrefixInScripts(redis: Redis): string {
  return `${redis.options.keyPrefix ?? ""}${AVAILABLE_PREFIX}`;
}

/** `available` of one product (string integer): on_hand minus the units of the orders recorded in `held`. */
export function availableKey(productId: string): string {
  return `${AVAILABLE_PREFIX}${productId}`;
}

/** One hash; field = order id, value = its lines ("p1:q1,p2:q2"). A field means "the counters reflect this order". */
export const HELD_KEY = `${TAG}:held`;

/** Set by a full resync to a fresh token; every mutating script answers MISSING while it is absent. */
export const READY_KEY = `${TAG}:ready`;

/** INCR by every mutating script, so a resync can tell whether anything ran between its reads and its writes. */
export const VERSION_KEY = `${TAG}:version`;

/** Every key of the inventory matches this pattern once the client's key prefix is put before it (tests that simulate a Redis that lost everything). */
export const ALL_KEYS_PATTERN = `${TAG}:*`;
