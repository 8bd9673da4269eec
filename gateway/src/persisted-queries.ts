import type { Logger, Redis } from "@shop/runtime";

/** How long a registered persisted query is kept after its last registration. */
const PERSISTED_QUERY_TTL_SECONDS = 24 * 3600;

/**
 * Automatic persisted queries shared by every gateway replica: Apollo Server's key-value cache interface on Redis, so
 * a hash registered through one replica is known to all (a CDN may route the next `GET` to any of them). A Redis error
 * reads as "not found": the client then sends the full query again, and nothing fails.
 */
export function redisPersistedQueries(redis: Redis, prefix: string, log: Logger) {
  return {
    async get(key: string): Promise<string | undefined> {
      return (
        (await redis
          .get(`${prefix}apq:${key}`)
          .catch((error: unknown) => void log.warn({ err: error }, "persisted query lookup failed"))) ?? undefined
      );
    },
    async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
      await redis
        .set(`${prefix}apq:${key}`, value, "EX", options?.ttl ?? PERSISTED_QUERY_TTL_SECONDS)
        .catch((error: unknown) => log.warn({ err: error }, "persisted query registration failed"));
    },
    async delete(key: string): Promise<void> {
      await redis.del(`${prefix}apq:${key}`).catch(() => undefined);
    },
  };
}
