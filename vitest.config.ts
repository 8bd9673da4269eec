import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Vite would pick index.mjs for our sources while Node loads index.js for
    // Apollo, and two graphql instances break `instanceof GraphQLError`. Use the one Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    // Per-run databases (shop_test_<run>_<name>) are created once, then dropped at the end.
    globalSetup: ["./tests/setup/global-setup.ts"],
    include: [
      "packages/**/src/**/*.test.ts",
      "subgraphs/*/src/**/*.test.ts",
      "subgraphs/*/test/**/*.test.ts",
      "workers/*/src/**/*.test.ts",
      "workers/*/test/**/*.test.ts",
      "gateway/**/*.test.ts",
      "tests/**/*.test.ts",
      "clients/*/src/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { LOG_LEVEL: "silent", NODE_ENV: "test", PASSWORD_SCRYPT_LOG_N: "10" },
  },
});
