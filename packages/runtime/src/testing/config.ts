import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { loadConfig, type ShopConfig } from "../config";
import { generateInternalKeys, internalKeysEnv } from "../internal-keys";
import { SUBGRAPHS } from "../subgraphs";

export { documentedDefaults } from "../documented-env";

declare module "vitest" {
  export interface ProvidedContext {
    /** Environment of this test run (its own database URLs, test Redis), set by tests/setup/global-setup.ts. */
    testEnv: Record<string, string>;
  }
}

/**
 * Where a test stack's gateway and siblings look for a subgraph the test has not started: a privileged port nothing
 * listens on, and one that is not on fetch's blocked-port list, so a call fails at once with a real refusal. Never the
 * default ports, where a running demo shop would answer.
 */
export const UNREACHABLE_SUBGRAPH_URL = "http://127.0.0.1:2/graphql";

/**
 * The config of one test stack: this run's own databases and Redis, ports chosen by the OS, small database pools,
 * every subgraph URL unreachable until `startStack` points it at a subgraph it started, and secrets of its own. Its
 * own internal key set means no test stack can call another stack's subgraphs (nor a demo shop's), and its own
 * JWT secret that no client token from elsewhere is believed.
 */
export function testConfig(): ShopConfig {
  const config = loadConfig({ ...process.env, ...inject("testEnv") });
  for (const endpoint of Object.values(config.subgraphs)) {
    endpoint.port = 0;
    endpoint.url = UNREACHABLE_SUBGRAPH_URL;
  }
  config.gatewayPort = 0;
  // Small pools: a test stack is one process serving a handful of clients, and several test runs (and a demo shop)
  // may share one PostgreSQL server and its max_connections.
  config.databasePoolSize = 4;
  // A test stack runs every service in one process: a few hundred concurrent requests (the flash-sale test) queue in
  // one event loop, so one subgraph fetch may wait longer there than the production default allows.
  config.subgraphTimeoutMs = 10_000;
  // A test stack stops once its file is done: nothing of worth is in flight then (tests/graceful-shutdown.test.ts sets
  // its own grace), and a deliberately hung request must not hold the teardown.
  config.shutdownGraceMs = 1000;
  // The same for a statement: one waiting on a row lock behind a few hundred others (the flash-sale test) counts that wait.
  config.databaseStatementTimeoutMs = 10_000;
  config.internalKeys = generateInternalKeys();
  config.jwt.secret = randomSecret();
  config.responseCache.keyPrefix = responseCachePrefixOf(config);
  // Rate limits stay on in tests, each stack counting under a prefix of its own, so no two files (nor two stacks of
  // one file) ever share a counter; a second gateway process of the stack shares it through stackProcessEnv.
  config.rateLimits.keyPrefix = `${new URL(config.subgraphs.product.databaseUrl).pathname.slice(1)}:rl:${randomSecret().slice(0, 12)}:`;
  // Every test client sends from 127.0.0.1, so the per-IP limits are raised out of reach (the flash-sale test alone
  // signs up and checks out hundreds of customers from that one address), and so is checkout per account (the
  // idempotency tests submit one key 20 times at once, then replay it). logIn per account and IP keeps its default.
  // tests/rate-limits.test.ts lowers each limit it checks, on stacks of its own.
  Object.assign(config.rateLimits, {
    requestsPerMinute: TEST_ALLOWANCE,
    loginPerIp: TEST_ALLOWANCE,
    signUpPerIp: TEST_ALLOWANCE,
    wsConnectionsPerIp: TEST_ALLOWANCE,
    refreshPerIp: TEST_ALLOWANCE,
    checkoutPerAccount: TEST_ALLOWANCE,
    guestCartsPerIp: TEST_ALLOWANCE,
  });
  // Hashes are cheap at the tests' PASSWORD_SCRYPT_LOG_N, but the flash-sale test signs up 50 customers at once:
  // the waiting room is raised with the rest (tests/rate-limits.test.ts fills a small one on purpose).
  config.passwordHashQueueLimit = TEST_ALLOWANCE;
  return config;
}

/** What each raised limit allows a test stack. */
const TEST_ALLOWANCE = 1_000_000;

/**
 * The response cache caches what the product database says, so stacks share it exactly when they share that
 * database: then a write through one stack invalidates what the others cached, as between replicas of one shop.
 */
export function responseCachePrefixOf(config: ShopConfig): string {
  return `${new URL(config.subgraphs.product.databaseUrl).pathname.slice(1)}:cache:`;
}

function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The environment a service started as its own process needs to join the test stack `config` describes: every
 * subgraph's URL and database, Redis, the JWT secret and internal keys, the response cache's prefix and the rate limits (their counters' prefix
 * too, so the process counts with the stack). Ports and the service's own settings (its src/settings.ts,
 * e.g. STOCK_KEY_PREFIX for an inventory) are the caller's to add.
 */
export function stackProcessEnv(config: ShopConfig): Record<string, string> {
  return {
    ...Object.fromEntries(
      SUBGRAPHS.flatMap((name) => [
        [`${name.toUpperCase()}_URL`, config.subgraphs[name].url],
        [`${name.toUpperCase()}_DATABASE_URL`, config.subgraphs[name].databaseUrl],
      ]),
    ),
    REDIS_URL: config.redisUrl,
    DATABASE_POOL_SIZE: String(config.databasePoolSize),
    JWT_SECRET: config.jwt.secret,
    JWT_TTL_SECONDS: String(config.jwt.ttlSeconds),
    REFRESH_TOKEN_TTL_SECONDS: String(config.jwt.refreshTtlSeconds),
    ...internalKeysEnv(config.internalKeys),
    RESPONSE_CACHE_ENABLED: String(config.responseCache.enabled),
    RESPONSE_CACHE_KEY_PREFIX: config.responseCache.keyPrefix,
    SUBGRAPH_DEDUPLICATION_ENABLED: String(config.subgraphDeduplication),
    SUBGRAPH_TIMEOUT_MS: String(config.subgraphTimeoutMs),
    GATEWAY_REQUEST_TIMEOUT_MS: String(config.gatewayRequestTimeoutMs),
    DATABASE_STATEMENT_TIMEOUT_MS: String(config.databaseStatementTimeoutMs),
    SHUTDOWN_GRACE_MS: String(config.shutdownGraceMs),
    TRUSTED_PROXIES: config.trustedProxies.join(","),
    RATE_LIMIT_ENABLED: String(config.rateLimits.enabled),
    RATE_LIMIT_KEY_PREFIX: config.rateLimits.keyPrefix,
    RATE_LIMIT_REQUESTS_PER_MINUTE: String(config.rateLimits.requestsPerMinute),
    RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: String(config.rateLimits.loginPerAccountIp),
    RATE_LIMIT_LOGIN_PER_IP: String(config.rateLimits.loginPerIp),
    RATE_LIMIT_SIGNUP_PER_IP: String(config.rateLimits.signUpPerIp),
    RATE_LIMIT_CHECKOUT_PER_ACCOUNT: String(config.rateLimits.checkoutPerAccount),
    RATE_LIMIT_WS_CONNECTIONS_PER_IP: String(config.rateLimits.wsConnectionsPerIp),
    RATE_LIMIT_REFRESH_PER_IP: String(config.rateLimits.refreshPerIp),
    PASSWORD_HASH_QUEUE_LIMIT: String(config.passwordHashQueueLimit),
  };
}
