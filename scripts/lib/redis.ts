import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Makes sure Redis answers at REDIS_URL. When nothing answers on this machine, starts `redis-server` (no
 * persistence: counters are rebuilt from PostgreSQL) if it is installed; otherwise says exactly what to do.
 */
export async function ensureRedis(redisUrl: string): Promise<{ stop?: () => Promise<void> }> {
  if (await answers(redisUrl)) return {};
  const url = new URL(redisUrl);
  const local = ["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname);
  const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
  if (!local || !installed) {
    throw new Error(
      [
        `Redis does not answer at ${redisUrl}.`,
        local
          ? "Install Redis 7 or newer and run this again (it is started for you when installed):"
          : "Start it, or set REDIS_URL to a Redis that runs.",
        local ? "  Debian/Ubuntu: sudo apt-get install redis-server    macOS: brew install redis" : "",
        local ? "Or point REDIS_URL at a Redis that runs elsewhere." : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  }
  const port = url.port || "6379";
  console.log(`No Redis answers on ${url.host}; starting redis-server on port ${port}…`);
  const child: ChildProcess = spawn("redis-server", ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 50 && !(await answers(redisUrl)); attempt++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(redisUrl))) throw new Error(`redis-server started but does not answer on port ${port}`);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
