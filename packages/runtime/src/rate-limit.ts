import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitSettings } from "./config";
import { rateLimited } from "./errors";
import type { Redis } from "./redis";

/**
 * The shop's rate limits: how many calls each lets through (RateLimitSettings, from the environment) per fixed window
 * (here, so that README "Rate limits" and the code say the same). Counters live in Redis, so every replica of the
 * gateway and of a subgraph draws on the same allowance.
 */
export const RATE_LIMITS = {
  /** Gateway: every HTTP request to /graphql, per client IP. */
  requests: { windowSeconds: 60, pointsOf: (limits: RateLimitSettings) => limits.requestsPerMinute },
  /** User: logIn per account and client IP; a successful logIn starts the count again. */
  loginAccountIp: { windowSeconds: 15 * 60, pointsOf: (limits: RateLimitSettings) => limits.loginPerAccountIp },
  /** User: logIn per client IP, whatever the account (credential stuffing). */
  loginIp: { windowSeconds: 15 * 60, pointsOf: (limits: RateLimitSettings) => limits.loginPerIp },
  /** User: signUp per client IP. */
  signUpIp: { windowSeconds: 60 * 60, pointsOf: (limits: RateLimitSettings) => limits.signUpPerIp },
  /** Order: checkout per account. */
  checkoutAccount: { windowSeconds: 10 * 60, pointsOf: (limits: RateLimitSettings) => limits.checkoutPerAccount },
  /** Gateway: new WebSocket connections per client IP. */
  wsConnectionsIp: { windowSeconds: 60, pointsOf: (limits: RateLimitSettings) => limits.wsConnectionsPerIp },
  /** Cart: new guest carts per client IP (a visitor starts one; a bot must not start millions). */
  guestCartIp: { windowSeconds: 60 * 60, pointsOf: (limits: RateLimitSettings) => limits.guestCartsPerIp },
  /** User: refreshToken per client IP (a client refreshes about once per access-token lifetime). */
  refreshIp: { windowSeconds: 15 * 60, pointsOf: (limits: RateLimitSettings) => limits.refreshPerIp },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** What a limit answered: go ahead, or come back in `retryAfterSeconds` (whole seconds, at least 1). */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimit {
  /** Counts one call for `key` and says whether it may go ahead. Never throws: see `createRateLimit` on Redis faults. */
  consume(key: string): Promise<RateLimitDecision>;
  /** Counts one call for `key` and throws RATE_LIMITED (with `retryAfter` and `message`) when it may not go ahead. */
  enforce(key: string, message?: string): Promise<void>;
  /** Forgets `key`'s count (a successful logIn clears its account's failed attempts). */
  reset(key: string): Promise<void>;
}

const ALLOWED: RateLimitDecision = { allowed: true };

/** Whole seconds a client waits before the window lets it in again: rounded up, at least 1. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * One limit (`RATE_LIMITS[name]`) over `redis` (rate-limiter-flexible's RateLimiterRedis: one atomic Lua INCR + TTL
 * per call), its keys `<settings.keyPrefix><name>:<key>`.
 *
 * When Redis fails, every limit falls back to a counter of the same allowance in this process's memory (the library's
 * insurance limiter): neither open (a Redis outage would be a free-for-all for password guessing, the outage an
 * attacker would wait for) nor closed (nobody could sign in or check out while Redis is down). A shop of N replicas
 * then lets through at most N times the allowance until Redis is back. `redis` should be a fail-fast client
 * (`connectRedis(url, { failFast: true })`): a limit must never make a request wait on an unreachable Redis.
 *
 * A key refused once is also refused from memory until its window ends, without asking Redis again, so a flood from
 * one address costs Redis nothing more.
 */
export function createRateLimit(redis: Redis, settings: RateLimitSettings, name: RateLimitName): RateLimit {
  if (!settings.enabled) return { consume: async () => ALLOWED, enforce: async () => {}, reset: async () => {} };
  const { windowSeconds, pointsOf } = RATE_LIMITS[name];
  const points = pointsOf(settings);
  const keyPrefix = `${settings.keyPrefix}${name}`;
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: windowSeconds,
    // Refuse straight from memory once a key is past its allowance (until its window ends).
    inMemoryBlockOnConsumed: points + 1,
    // While the client is not connected, go to the insurance at once instead of queueing.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds }),
  });
  const consume = async (key: string): Promise<RateLimitDecision> => {
    try {
      await limiter.consume(key);
      return ALLOWED;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfterSeconds(refusal.msBeforeNext) };
      // Both Redis and the insurance failed (never expected): a limit must not take the shop down with it.
      return ALLOWED;
    }
  };
  return {
    consume,
    enforce: async (key, message) => {
      const decision = await consume(key);
      if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, message);
    },
    reset: async (key) => {
      await limiter.delete(key).catch(() => false);
    },
  };
}

/** Refusals of several limits at once: the longest wait, so that retrying then passes them all. */
export function firstRefusal(decisions: readonly RateLimitDecision[]): RateLimitDecision {
  let wait = 0;
  for (const decision of decisions) if (!decision.allowed) wait = Math.max(wait, decision.retryAfterSeconds);
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : ALLOWED;
}
