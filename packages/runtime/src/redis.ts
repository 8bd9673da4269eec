import { Redis } from "ioredis";

export { Redis };

/**
 * One ioredis client; commands fail fast instead of queueing forever while Redis is down. `keyPrefix` is put before
 * every key the client sends (also the KEYS of scripts), but not before key names a script builds itself.
 */
export function connectRedis(url: string, options: { lazyConnect?: boolean; keyPrefix?: string } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    lazyConnect: options.lazyConnect ?? false,
    keyPrefix: options.keyPrefix ?? "",
  });
}

/** Quits gracefully (pending replies arrive), or drops the connection when Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
