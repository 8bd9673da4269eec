import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./testing";
import { connectRedis, type Redis } from "./redis";
import { CacheTag, responseCacheStore, type ResponseCacheStore } from "./response-cache";

// The Redis side of the response cache, on the test run's Redis: what the gateway stores and the product subgraph
// invalidates. Each test works under a prefix of its own.
let redis: Redis;
beforeAll(() => {
  redis = connectRedis(testConfig().redisUrl);
});
afterAll(() => redis.quit());

const freshStore = (now?: () => number): ResponseCacheStore => responseCacheStore(redis, `rc-test:${randomUUID()}:`, now);

describe("the response cache store", () => {
  it("answers a stored response with the max-age it has left, and misses an unknown key", async () => {
    let clock = 1_000_000;
    const store = freshStore(() => clock);
    const { epoch } = await store.lookup(undefined);
    expect(await store.store("k", '{"data":1}', 60, epoch, [CacheTag.product("p1")])).toBe(true);
    clock += 15_500;
    expect((await store.lookup("k")).hit).toEqual({ body: '{"data":1}', maxAgeLeft: 45 });
    expect((await store.lookup("other")).hit).toBeUndefined();
  });

  it("drops every response filed under an invalidated tag, and only those", async () => {
    const store = freshStore();
    const { epoch } = await store.lookup(undefined);
    await store.store("page-1", "one", 60, epoch, [CacheTag.product("p1"), CacheTag.listings]);
    await store.store("page-2", "two", 60, epoch, [CacheTag.product("p2")]);
    await store.invalidate([CacheTag.product("p1")]);
    expect((await store.lookup("page-1")).hit).toBeUndefined();
    expect((await store.lookup("page-2")).hit?.body).toBe("two");
  });

  it("refuses an answer read before an invalidation of one of its tags (the stale-store race)", async () => {
    const store = freshStore();
    const before = (await store.lookup(undefined)).epoch;
    // A request read the old price, then the price changed and was invalidated before the request stored its answer.
    await store.invalidate([CacheTag.product("p1")]);
    expect(await store.store("late", "old price", 60, before, [CacheTag.product("p1")])).toBe(false);
    expect((await store.lookup("late")).hit).toBeUndefined();
    // Tags that were not invalidated, and requests that started after the invalidation, store as usual.
    expect(await store.store("unrelated", "fine", 60, before, [CacheTag.product("p2")])).toBe(true);
    const after = (await store.lookup(undefined)).epoch;
    expect(Number(after)).toBeGreaterThan(Number(before));
    expect(await store.store("late", "new price", 60, after, [CacheTag.product("p1")])).toBe(true);
    expect((await store.lookup("late")).hit?.body).toBe("new price");
  });

  it("expires a response with its max-age", async () => {
    const store = freshStore();
    const { epoch } = await store.lookup(undefined);
    await store.store("short", "soon gone", 1, epoch, []);
    expect((await store.lookup("short")).hit?.body).toBe("soon gone");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await store.lookup("short")).hit).toBeUndefined();
  });
});
