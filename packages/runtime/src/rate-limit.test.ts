import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimitSettings } from "./config";
import { ErrorCode } from "./errors";
import { createRateLimit, firstRefusal, RATE_LIMITS, retryAfterSeconds } from "./rate-limit";
import { closeRedis, connectRedis } from "./redis";
import { testConfig } from "./testing/config";

const config = testConfig();
// Fail-fast, as the services open it; connected before the tests, since a limit counts in memory until it is.
const redis = connectRedis(config.redisUrl, { failFast: true, lazyConnect: true });
beforeAll(() => redis.connect());
afterAll(() => closeRedis(redis));

/** Settings allowing `points` of every limit, under a prefix no other test uses. */
function settings(points: number, overrides: Partial<RateLimitSettings> = {}): RateLimitSettings {
  return {
    enabled: true,
    keyPrefix: `${config.rateLimits.keyPrefix}${randomUUID()}:`,
    requestsPerMinute: points,
    loginPerAccountIp: points,
    loginPerIp: points,
    signUpPerIp: points,
    checkoutPerAccount: points,
    wsConnectionsPerIp: points,
    refreshPerIp: points,
    guestCartsPerIp: points,
    ...overrides,
  };
}

describe("retryAfterSeconds", () => {
  it("rounds up to whole seconds, at least 1", () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(59_500)).toBe(60);
  });
});

describe("firstRefusal", () => {
  it("allows when every limit allows, else waits the longest refusal", () => {
    expect(firstRefusal([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
    expect(firstRefusal([{ allowed: false, retryAfterSeconds: 3 }, { allowed: true }, { allowed: false, retryAfterSeconds: 40 }])).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
  });
});

describe("createRateLimit over Redis", () => {
  it("lets `points` calls per key through, refuses the next until the window ends, and counts keys apart", async () => {
    const limit = createRateLimit(redis, settings(3), "loginIp");

    for (let call = 0; call < 3; call++) expect(await limit.consume("198.51.100.1")).toEqual({ allowed: true });
    const refused = await limit.consume("198.51.100.1");

    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(RATE_LIMITS.loginIp.windowSeconds - 5);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(RATE_LIMITS.loginIp.windowSeconds);
    expect(await limit.consume("198.51.100.2")).toEqual({ allowed: true });
  });

  it("keeps its counters in Redis under the configured prefix, with the window as TTL", async () => {
    const own = settings(5);
    await createRateLimit(redis, own, "checkoutAccount").consume("account-1");

    const key = `${own.keyPrefix}checkoutAccount:account-1`;
    expect(await redis.get(key)).toBe("1");
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(RATE_LIMITS.checkoutAccount.windowSeconds - 5);
    expect(ttl).toBeLessThanOrEqual(RATE_LIMITS.checkoutAccount.windowSeconds);
  });

  it("shares counts between two limiters (two replicas) on the same prefix", async () => {
    const shared = settings(2);
    const [one, two] = [createRateLimit(redis, shared, "signUpIp"), createRateLimit(redis, shared, "signUpIp")];

    expect(await one.consume("203.0.113.5")).toEqual({ allowed: true });
    expect(await two.consume("203.0.113.5")).toEqual({ allowed: true });
    expect((await one.consume("203.0.113.5")).allowed).toBe(false);
    expect((await two.consume("203.0.113.5")).allowed).toBe(false);
  });

  it("enforce throws RATE_LIMITED with retryAfter in whole seconds", async () => {
    const limit = createRateLimit(redis, settings(1), "checkoutAccount");
    await limit.enforce("account-2");

    const error = await limit.enforce("account-2").then(
      () => undefined,
      (refusal: unknown) => refusal,
    );
    expect(error).toMatchObject({ extensions: { code: ErrorCode.RateLimited } });
    const { retryAfter } = (error as { extensions: { retryAfter: number } }).extensions;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
  });

  it("reset starts a key's count again", async () => {
    const limit = createRateLimit(redis, settings(1), "loginAccountIp");
    await limit.consume("a@example.com|198.51.100.3");
    expect((await limit.consume("a@example.com|198.51.100.3")).allowed).toBe(false);

    await limit.reset("a@example.com|198.51.100.3");

    expect(await limit.consume("a@example.com|198.51.100.3")).toEqual({ allowed: true });
  });

  it("lets everything through when rate limits are disabled, writing nothing", async () => {
    const off = settings(1, { enabled: false });
    const limit = createRateLimit(redis, off, "requests");

    for (let call = 0; call < 5; call++) expect(await limit.consume("198.51.100.4")).toEqual({ allowed: true });
    expect(await redis.exists(`${off.keyPrefix}requests:198.51.100.4`)).toBe(0);
  });

  it("counts in this process's memory, with the same allowance, while Redis is unreachable", async () => {
    // A fail-fast client of a Redis that refuses connections: every command fails at once.
    const unreachable = connectRedis("redis://127.0.0.1:2", { failFast: true });
    unreachable.on("error", () => {});
    try {
      const limit = createRateLimit(unreachable, settings(2), "loginIp");

      expect(await limit.consume("198.51.100.5")).toEqual({ allowed: true });
      expect(await limit.consume("198.51.100.5")).toEqual({ allowed: true });
      expect((await limit.consume("198.51.100.5")).allowed).toBe(false);
      expect(await limit.consume("198.51.100.6")).toEqual({ allowed: true });
    } finally {
      unreachable.disconnect();
    }
  });
});
