import type { ShopConfig } from "../config";
import { dropDatabase } from "../migrate";
import { Redis } from "../redis";
import { SUBGRAPHS, WORKERS } from "../subgraphs";
import { responseCachePrefixOf } from "./config";

/**
 * For a test file that destroys or rebuilds stock state in Redis (deletes keys, poisons counters, boots a stack
 * whose start-up resync rewrites `held`): its own databases (`<run db>_<name>`) and its own stock key prefix in
 * the run's Redis database, so it never touches another file's holds and no other file touches its keys.
 *
 * Both, never one: Redis stock state pairs with one inventory database. A prefix of its own over the shared
 * database would make this file's resync and sweeper release the other files' holds; the shared prefix over a
 * database of its own would rewrite `held` for everyone.
 *
 * Changes `config` in place (databases, and the response cache prefix that goes with them) and returns the stock
 * prefix, for the settings of every inventory started on these databases, and `drop`, which drops the databases and
 * the keys of both prefixes once the services are stopped.
 */
export function isolate(config: ShopConfig, name: string): { stockKeyPrefix: string; drop: () => Promise<void> } {
  for (const subgraph of SUBGRAPHS) config.subgraphs[subgraph].databaseUrl += `_${name}`;
  for (const worker of WORKERS) config.workers[worker].databaseUrl += `_${name}`;
  // The inventory database's name is unique to this run and file, so two runs sharing a Redis database stay apart.
  const prefix = `${new URL(config.subgraphs.inventory.databaseUrl).pathname.slice(1)}:`;
  config.responseCache.keyPrefix = responseCachePrefixOf(config);
  const drop = async () => {
    await Promise.all([
      ...SUBGRAPHS.map((subgraph) => dropDatabase(config.subgraphs[subgraph].databaseUrl)),
      ...WORKERS.map((worker) => dropDatabase(config.workers[worker].databaseUrl)),
    ]);
    const redis = new Redis(config.redisUrl);
    try {
      for (const pattern of [`${prefix}*`, `${config.responseCache.keyPrefix}*`])
        await redis.eval(`for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end return 1`, 0, pattern);
    } finally {
      redis.disconnect();
    }
  };
  return { stockKeyPrefix: prefix, drop };
}
