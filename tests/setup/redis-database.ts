import { Redis } from "ioredis";

/** Redis databases test runs may use: 0 belongs to `npm start`, and other tools tend to take the low numbers. */
const TEST_DATABASES = [8, 9, 10, 11, 12, 13, 14, 15];
const CLAIM_KEY = "shop-test:claimed-by";
/** Longer than any run; a run that dies without releasing its database frees it after this. */
const CLAIM_SECONDS = 30 * 60;

// Atomically: take the database only when no other run holds it, and empty it (a dead run's keys) as we take it.
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('FLUSHDB')
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

/** The test databases of the Redis server at `serverUrl`, starting at one picked by pid to spread runs out. */
export function testRedisDatabases(serverUrl: string): string[] {
  const start = process.pid % TEST_DATABASES.length;
  return TEST_DATABASES.map((_, offset) => {
    const url = new URL(serverUrl);
    url.pathname = `/${TEST_DATABASES[(start + offset) % TEST_DATABASES.length]}`;
    return url.toString();
  });
}

/**
 * Claims the first free Redis database of `candidates` for this run, emptied, and returns its URL. Stock keys (`held`,
 * `ready`) are global to a database and pair with the run's own inventory database, so two runs going on at once (two
 * terminals, CI beside a developer) must never share one. Waits up to `waitMs` while every candidate is taken.
 */
export async function claimRedisDatabase(
  candidates: readonly string[],
  run: string,
  waitMs = 120_000,
): Promise<{ url: string; release(): Promise<void> }> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    for (const url of candidates) {
      const redis = new Redis(url, { lazyConnect: true });
      try {
        await redis.connect();
        if ((await redis.eval(CLAIM, 1, CLAIM_KEY, run, CLAIM_SECONDS)) === 1)
          return { url, release: () => releaseRedisDatabase(url, run) };
      } finally {
        redis.disconnect();
      }
    }
    if (Date.now() > deadline)
      throw new Error(`Redis databases ${candidates.join(", ")} are all claimed by other test runs (key ${CLAIM_KEY})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// Empties the database only while it is still ours (a run that outlived its claim must not wipe the next owner's).
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('FLUSHDB')
return 1`;

async function releaseRedisDatabase(url: string, run: string) {
  const redis = new Redis(url);
  try {
    await redis.eval(RELEASE, 1, CLAIM_KEY, run);
  } finally {
    redis.disconnect();
  }
}
