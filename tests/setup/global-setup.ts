import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, SUBGRAPHS, type SubgraphName } from "@shop/runtime";

import { Redis } from "ioredis";
import "@shop/runtime/testing";

const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Every `npm test` run gets its own five databases, so runs never touch the demo data or each other.
 * Subgraphs apply their committed migrations when they start, as they do in production.
 */
export default async function setup(project: TestProject) {
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const urls = Object.fromEntries(
    SUBGRAPHS.map((name) => {
      const url = new URL(serverUrl);
      url.pathname = `/shop_test_${run}_${name}`;
      return [name, url.toString()];
    }),
  ) as Record<SubgraphName, string>;
  await Promise.all(Object.values(urls).map(ensureDatabase));
  // Stock keys (`held`, `ready`) are global to a Redis database and pair with this run's inventory database, so runs
  // going on at once take different Redis databases (8–15), emptied first.
  const redisUrl = process.env.TEST_REDIS_URL ?? `redis://127.0.0.1:6379/${8 + (process.pid % 8)}`;
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  redis.disconnect();
  project.provide("testEnv", {
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, urls[name]])),
    REDIS_URL: redisUrl,
  });
  return async () => {
    await Promise.all(Object.values(urls).map(dropDatabase));
  };
}
