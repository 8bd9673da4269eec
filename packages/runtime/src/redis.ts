import { Redis } from "ioredis";

export { Redis };

/** One ioredis client; commands fail fast instead of queueing forever while Redis is down. */
export function connectRedis(url: string, options: { lazyConnect?: boolean } = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: options.lazyConnect ?? false });
}

/** Quits gracefully (pending replies arrive), or drops the connection when Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
