import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Per-run databases (shop_test_<run>_<name>) are created and migrated once, then dropped at the end.
    globalSetup: ["./tests/setup/global-setup.ts"],
    include: ["packages/**/src/**/*.test.ts", "subgraphs/*/src/**/*.test.ts", "subgraphs/*/test/**/*.test.ts", "gateway/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { LOG_LEVEL: "silent", NODE_ENV: "test", PASSWORD_SCRYPT_LOG_N: "10" },
  },
});
