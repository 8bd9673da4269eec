import { Redis } from "ioredis";

export { Redis };

/** One ioredis client; commands fail fast instead of queueing forever while Redis is down. */
export function connectRedis(url: string, options: { lazyConnect?: boolean } = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: options.lazyConnect ?? false });
}
