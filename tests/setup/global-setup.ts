import type { TestProject } from "vitest/node";
import { DATABASE_OWNERS, dropDatabase, ensureDatabase } from "@shop/runtime";
import "@shop/runtime/testing";
import { claimRedisDatabase, testRedisDatabases } from "./redis-database";

const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Every `npm test` run gets its own databases (each subgraph's and each worker's), so runs never touch the demo data or each other.
 * Subgraphs apply their committed migrations when they start, as they do in production.
 */
export default async function setup(project: TestProject) {
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const urls = Object.fromEntries(
    DATABASE_OWNERS.map((name) => {
      const url = new URL(serverUrl);
      url.pathname = `/shop_test_${run}_${name}`;
      return [name, url.toString()];
    }),
  );
  await Promise.all(Object.values(urls).map(ensureDatabase));
  // A Redis database of this run's own (8–15, claimed so that runs going on at once never share one), emptied first.
  const candidates = process.env.TEST_REDIS_URL ? [process.env.TEST_REDIS_URL] : testRedisDatabases("redis://127.0.0.1:6379");
  const redis = await claimRedisDatabase(candidates, run);
  project.provide("testEnv", {
    ...Object.fromEntries(DATABASE_OWNERS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, urls[name]!])),
    REDIS_URL: redis.url,
  });
  return async () => {
    await Promise.all(Object.values(urls).map(dropDatabase));
    await redis.release();
  };
}
