import { runScript, type Redis } from "./redis";

/*
 * The catalogue's shared response cache, in Redis, written by the gateway and invalidated by the subgraphs that own
 * the data. Keys, under a prefix (RESPONSE_CACHE_KEY_PREFIX):
 * - `epoch`: a counter every invalidation increments;
 * - `r:<key>`: one cached response, `<expires at, ms>\n<body>`, expiring with its max-age;
 * - `t:<tag>`: the response keys that depend on a tag (`product:<id>`, `products`);
 * - `i:<tag>`: the epoch of the tag's last invalidation.
 *
 * Why an epoch: a request that read the old price before a change committed could store its answer after the change
 * was invalidated. The gateway reads the epoch when a request arrives and stores the answer only if none of its tags
 * was invalidated since (`i:<tag>` > that epoch): either the invalidation deleted the entry, or the entry is refused.
 */

/** Header in which a subgraph tells the gateway which catalogue entities its answer depends on (space-separated). */
export const CACHE_TAGS_HEADER = "x-shop-cache-tags";

/** How long an invalidation marker outlives its invalidation: longer than any request can take to store. */
const INVALIDATION_MARKER_SECONDS = 300;

const LOOKUP = `
local epoch = redis.call('GET', KEYS[1]) or '0'
if #KEYS < 2 then return { epoch } end
return { epoch, redis.call('GET', KEYS[2]) }`;

const STORE = `
local prefix, since, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 5, #ARGV do
  local invalidated = redis.call('GET', prefix .. 'i:' .. ARGV[i])
  if invalidated and tonumber(invalidated) > since then return 0 end
end
redis.call('SET', KEYS[1], ARGV[4], 'PX', ttl)
for i = 5, #ARGV do
  local tagged = prefix .. 't:' .. ARGV[i]
  redis.call('SADD', tagged, KEYS[1])
  if redis.call('PTTL', tagged) < ttl then redis.call('PEXPIRE', tagged, ttl) end
end
return 1`;

const INVALIDATE = `
local prefix, markerSeconds = ARGV[1], tonumber(ARGV[2])
local epoch = redis.call('INCR', prefix .. 'epoch')
for i = 3, #ARGV do
  redis.call('SET', prefix .. 'i:' .. ARGV[i], epoch, 'EX', markerSeconds)
  local tagged = prefix .. 't:' .. ARGV[i]
  local keys = redis.call('SMEMBERS', tagged)
  for first = 1, #keys, 500 do redis.call('DEL', unpack(keys, first, math.min(first + 499, #keys))) end
  redis.call('DEL', tagged)
end
return epoch`;

/** Cache tags the product subgraph reports and invalidates. */
export const CacheTag = {
  /** One product's own data (title, price, status, category…). */
  product: (id: string) => `product:${id}`,
  /** Any answer that lists or looks up products by something other than id: changes with every product write. */
  listings: "products",
} as const;

/** A cached response: its body and how many seconds of its max-age are left. */
export interface CachedResponse {
  body: string;
  maxAgeLeft: number;
}

export interface ResponseCacheStore {
  /** The current epoch, and the response under `key` (when one is asked for and cached): one round trip. */
  lookup(key: string | undefined): Promise<{ epoch: string; hit?: CachedResponse }>;
  /** Stores `body` for `maxAgeSeconds` unless one of `tags` was invalidated after `epoch`; true when stored. */
  store(key: string, body: string, maxAgeSeconds: number, epoch: string, tags: Iterable<string>): Promise<boolean>;
  /** Removes every response that depends on one of `tags`, and refuses stores of answers read before now. */
  invalidate(tags: Iterable<string>): Promise<void>;
}

/** The response cache on one Redis client, under `prefix`. */
export function responseCacheStore(redis: Redis, prefix: string, now: () => number = Date.now): ResponseCacheStore {
  const epochKey = `${prefix}epoch`;
  return {
    async lookup(key) {
      const keys = key ? [epochKey, `${prefix}r:${key}`] : [epochKey];
      const [epoch, entry] = await runScript<[string, string | undefined]>(redis, "shop_cache_lookup", LOOKUP, keys, []);
      if (!entry) return { epoch };
      const newline = entry.indexOf("\n");
      const maxAgeLeft = Math.ceil((Number(entry.slice(0, newline)) - now()) / 1000);
      return maxAgeLeft > 0 ? { epoch, hit: { body: entry.slice(newline + 1), maxAgeLeft } } : { epoch };
    },
    async store(key, body, maxAgeSeconds, epoch, tags) {
      const ttl = maxAgeSeconds * 1000;
      const args = [prefix, epoch, ttl, `${now() + ttl}\n${body}`, ...tags];
      return (await runScript<number>(redis, "shop_cache_store", STORE, [`${prefix}r:${key}`], args)) === 1;
    },
    async invalidate(tags) {
      await runScript(redis, "shop_cache_invalidate", INVALIDATE, [], [prefix, INVALIDATION_MARKER_SECONDS, ...tags]);
    },
  };
}
