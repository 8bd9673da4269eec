import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { parseEnv, type EnvSource } from "./env";
import { developmentKeysIn, INTERNAL_SERVICES, internalKeysFrom, signingKeyVariable, type InternalKeys } from "./internal-keys";
import { DEFAULT_GATEWAY_PORT, SUBGRAPH_PORTS, SUBGRAPHS, WORKER_PORTS, WORKERS, type SubgraphName, type WorkerName } from "./subgraphs";

/** Development defaults that production refuses to run with. */
const DEV_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789";
const DEV_ADMIN_PASSWORD = "admin-password";

// Number("") is 0, and port 0 means "any free port": a blank *_PORT would start the service where nobody looks for it.
const port = z.string().trim().min(1, "must not be empty").pipe(z.coerce.number<string>().int().min(0).max(65535));
const url = z.string().url();
/** A rate limit's allowance per window: 1 upwards (the windows are fixed, `RATE_LIMIT_WINDOWS` in rate-limit.ts). */
const allowance = z.coerce.number().int().min(1).max(1_000_000_000);
/**
 * Comma-separated addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`); checked by
 * compiling them as the gateway will, so a typo stops the service at start rather than trusting nobody silently.
 */
const proxyList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    try {
      proxyaddr.compile(entries);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });

/**
 * The environment variables the services share (and the gateway's limits), each with a development default that works
 * on a fresh machine. Settings only one subgraph reads live in that subgraph (src/settings.ts), parsed the same way.
 * README.md documents each one; keep the two in step.
 */
export const sharedEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HOST: z.string().default("127.0.0.1"),
  GATEWAY_PORT: port.default(DEFAULT_GATEWAY_PORT),
  WEB_PORT: port.default(3000),
  ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_PORT`, port.default(SUBGRAPH_PORTS[name])])),
  ...Object.fromEntries(
    SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, url.default(`http://127.0.0.1:${SUBGRAPH_PORTS[name]}/graphql`)]),
  ),
  ...Object.fromEntries(
    SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, url.default(`postgres://postgres@127.0.0.1:5432/shop_${name}`)]),
  ),
  ...Object.fromEntries(WORKERS.map((name) => [`${name.toUpperCase()}_PORT`, port.default(WORKER_PORTS[name])])),
  ...Object.fromEntries(
    WORKERS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, url.default(`postgres://postgres@127.0.0.1:5432/shop_${name}`)]),
  ),
  // OpenTelemetry's own variable: traces go there as OTLP over HTTP (…/v1/traces); unset, nothing is exported.
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  // As long as the gateway's request deadline: a request the gateway still waits for may finish. Below Kubernetes'
  // terminationGracePeriodSeconds (45 s, scripts/lib/kubernetes.ts) and compose's stop_grace_period.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(15_000),
  // As long as a subgraph fetch may take: past it, nobody waits for the statement's answer any more.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  REDIS_URL: url.default("redis://127.0.0.1:6379"),
  JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 characters").default(DEV_JWT_SECRET),
  // Access tokens are short-lived (nothing revokes one before it expires); clients renew them with a refresh token.
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  // Internal tokens: every service's public key, and each service's own signing key (internal-keys.ts). Empty: the
  // published development key set, which production refuses.
  INTERNAL_PUBLIC_KEYS: z.string().default(""),
  ...Object.fromEntries(INTERNAL_SERVICES.map((service) => [signingKeyVariable(service), z.string().default("")])),
  PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(15),
  ADMIN_EMAIL: z.string().email().default("admin@shop.test"),
  ADMIN_PASSWORD: z.string().min(8).default(DEV_ADMIN_PASSWORD),
  CORS_ORIGINS: z.string().default("https://studio.apollographql.com,http://localhost:3000,http://localhost:4000"),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().positive().default(30),
  MAX_QUERY_TOKENS: z.coerce.number().int().positive().default(2000),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().positive().default(30),
  // Below the 15 s an internal token is still valid when it is handed out again (internal-token-issuer.ts).
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(5000),
  // Above one subgraph fetch: a plan of several fetches in sequence (an entity join, a checkout) fits in it.
  GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  RESPONSE_CACHE_ENABLED: z.stringbool().default(true),
  RESPONSE_CACHE_KEY_PREFIX: z.string().min(1).default("shop:cache:"),
  SUBGRAPH_DEDUPLICATION_ENABLED: z.stringbool().default(true),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(20),
  SUBSCRIPTION_INIT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().positive().default(50),
  MAX_WEBSOCKETS_PER_IP: z.coerce.number().int().positive().default(100),
  MAX_PENDING_EVENTS_PER_SUBSCRIPTION: z.coerce.number().int().positive().default(100),
  TRUSTED_PROXIES: proxyList,
  RATE_LIMIT_ENABLED: z.stringbool().default(true),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default("shop:rl:"),
  RATE_LIMIT_REQUESTS_PER_MINUTE: allowance.default(600),
  RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: allowance.default(10),
  RATE_LIMIT_LOGIN_PER_IP: allowance.default(100),
  RATE_LIMIT_SIGNUP_PER_IP: allowance.default(20),
  RATE_LIMIT_CHECKOUT_PER_ACCOUNT: allowance.default(20),
  RATE_LIMIT_WS_CONNECTIONS_PER_IP: allowance.default(60),
  RATE_LIMIT_REFRESH_PER_IP: allowance.default(300),
  RATE_LIMIT_GUEST_CARTS_PER_IP: allowance.default(50),
  PASSWORD_HASH_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1_000_000_000).default(16),
});

type Env = z.infer<typeof sharedEnvSchema>;

export interface ServiceEndpoint {
  port: number;
  url: string;
  databaseUrl: string;
}

/** A background worker: its probes and metrics port, and its own database. */
export interface WorkerEndpoint {
  port: number;
  databaseUrl: string;
}

export interface ShopConfig {
  env: "development" | "test" | "production";
  logLevel: Env["LOG_LEVEL"];
  host: string;
  gatewayPort: number;
  /** Where `npm start` serves the web app (clients/web); the default is in CORS_ORIGINS' default. */
  webPort: number;
  subgraphs: Record<SubgraphName, ServiceEndpoint>;
  workers: Record<WorkerName, WorkerEndpoint>;
  /** How long the gateway and sibling calls wait for one subgraph fetch before SERVICE_UNAVAILABLE. */
  subgraphTimeoutMs: number;
  /**
   * The deadline of one client request at the gateway: past it the request's subgraph fetches are aborted and the
   * client gets REQUEST_TIMEOUT (gateway/src/request-deadline.ts).
   */
  gatewayRequestTimeoutMs: number;
  /**
   * The catalogue's shared response cache in Redis: the gateway reads and fills it, the product subgraph invalidates
   * it on every write (README "Caching").
   */
  responseCache: { enabled: boolean; keyPrefix: string };
  /** The gateway shares identical in-flight subgraph queries of the same viewer. */
  subgraphDeduplication: boolean;
  /** On SIGTERM, how long in-flight requests (checkouts included) may still run before they are cut. */
  shutdownGraceMs: number;
  /** Connections each subgraph process may open to its database for requests. */
  databasePoolSize: number;
  /** PostgreSQL `statement_timeout` of every subgraph's connections. */
  databaseStatementTimeoutMs: number;
  /** Where traces are exported (OTLP over HTTP); undefined: traces only number the logs (tracing.ts). */
  otlpEndpoint: string | undefined;
  redisUrl: string;
  /** Client tokens: the access JWT's lifetime, and how long a refresh token may wait unused (user subgraph). */
  jwt: { secret: string; ttlSeconds: number; refreshTtlSeconds: number };
  /** Who signs internal tokens with which key: every service's public key, and the signing keys this process holds. */
  internalKeys: InternalKeys;
  passwordScryptLogN: number;
  admin: { email: string; password: string };
  corsOrigins: string[];
  /** The gateway's operation limits, over HTTP and WebSocket alike (`__typename` aliases count as aliases). */
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxDirectives: number };
  /**
   * GraphQL over WebSocket (gateway and subgraphs that serve subscriptions). The per-user and per-IP caps count what is
   * open on one gateway replica (README "Live order tracking").
   */
  subscriptions: {
    maxPerConnection: number;
    initTimeoutMs: number;
    /** Subscriptions one account may hold open at once, over all its sockets. */
    maxPerUser: number;
    /** WebSockets one client address may hold open at once. */
    maxSocketsPerIp: number;
    /** Entities waiting for their refetch in one subscription; one more ends it with TOO_MANY_PENDING_EVENTS. */
    maxPendingEvents: number;
  };
  /**
   * Peers whose `X-Forwarded-For` the gateway believes (addresses, CIDR ranges, `loopback`…); empty: the client is
   * the socket's peer.
   */
  trustedProxies: string[];
  /** Limits shared by every replica through Redis (README "Rate limits"; windows in rate-limit.ts). */
  rateLimits: RateLimitSettings;
  /** Password hashes (signUp, logIn) waiting for a hashing slot at most; past it they are refused with RATE_LIMITED. */
  passwordHashQueueLimit: number;
}

/** How many calls each limit lets through per window (`RATE_LIMIT_WINDOWS`); `enabled: false` lets everything through. */
export interface RateLimitSettings {
  enabled: boolean;
  /** Put before every rate-limit key in Redis: replicas of one shop agree on it, test stacks each have their own. */
  keyPrefix: string;
  /** Gateway: HTTP requests per client IP per minute. */
  requestsPerMinute: number;
  /** logIn attempts per account and client IP (the count restarts on a successful logIn). */
  loginPerAccountIp: number;
  /** logIn attempts per client IP, whatever the account. */
  loginPerIp: number;
  signUpPerIp: number;
  checkoutPerAccount: number;
  /** Gateway: new WebSocket connections per client IP. */
  wsConnectionsPerIp: number;
  /** refreshToken calls per client IP. */
  refreshPerIp: number;
  /** Cart: guest carts created per client IP. */
  guestCartsPerIp: number;
}

/** Parses the shared environment once; throws a message naming every bad variable. */
export function loadConfig(source: EnvSource = process.env): ShopConfig {
  const env = parseEnv(sharedEnvSchema, source, "shared config") as Env & Record<string, string | number>;
  const internalKeys = internalKeysFrom(env as EnvSource);
  if (env.NODE_ENV === "production") refuseDevelopmentSecrets(env, internalKeys);
  refuseDevelopmentSecretsBeyondLoopback(env, internalKeys);
  const subgraphs = Object.fromEntries(
    SUBGRAPHS.map((name) => {
      const upper = name.toUpperCase();
      return [
        name,
        { port: Number(env[`${upper}_PORT`]), url: String(env[`${upper}_URL`]), databaseUrl: String(env[`${upper}_DATABASE_URL`]) },
      ];
    }),
  ) as Record<SubgraphName, ServiceEndpoint>;
  const workers = Object.fromEntries(
    WORKERS.map((name) => {
      const upper = name.toUpperCase();
      return [name, { port: Number(env[`${upper}_PORT`]), databaseUrl: String(env[`${upper}_DATABASE_URL`]) }];
    }),
  ) as Record<WorkerName, WorkerEndpoint>;
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    host: env.HOST,
    gatewayPort: env.GATEWAY_PORT,
    webPort: env.WEB_PORT,
    subgraphs,
    workers,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    gatewayRequestTimeoutMs: env.GATEWAY_REQUEST_TIMEOUT_MS,
    responseCache: { enabled: env.RESPONSE_CACHE_ENABLED, keyPrefix: env.RESPONSE_CACHE_KEY_PREFIX },
    subgraphDeduplication: env.SUBGRAPH_DEDUPLICATION_ENABLED,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    databaseStatementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    redisUrl: env.REDIS_URL,
    jwt: { secret: env.JWT_SECRET, ttlSeconds: env.JWT_TTL_SECONDS, refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS },
    internalKeys,
    passwordScryptLogN: env.PASSWORD_SCRYPT_LOG_N,
    admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    corsOrigins: env.CORS_ORIGINS.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    limits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxAliases: env.MAX_QUERY_ALIASES,
      maxTokens: env.MAX_QUERY_TOKENS,
      maxDirectives: env.MAX_QUERY_DIRECTIVES,
    },
    subscriptions: {
      maxPerConnection: env.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      initTimeoutMs: env.SUBSCRIPTION_INIT_TIMEOUT_MS,
      maxPerUser: env.MAX_SUBSCRIPTIONS_PER_USER,
      maxSocketsPerIp: env.MAX_WEBSOCKETS_PER_IP,
      maxPendingEvents: env.MAX_PENDING_EVENTS_PER_SUBSCRIPTION,
    },
    trustedProxies: env.TRUSTED_PROXIES,
    rateLimits: {
      enabled: env.RATE_LIMIT_ENABLED,
      keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
      requestsPerMinute: env.RATE_LIMIT_REQUESTS_PER_MINUTE,
      loginPerAccountIp: env.RATE_LIMIT_LOGIN_PER_ACCOUNT_IP,
      loginPerIp: env.RATE_LIMIT_LOGIN_PER_IP,
      signUpPerIp: env.RATE_LIMIT_SIGNUP_PER_IP,
      checkoutPerAccount: env.RATE_LIMIT_CHECKOUT_PER_ACCOUNT,
      wsConnectionsPerIp: env.RATE_LIMIT_WS_CONNECTIONS_PER_IP,
      refreshPerIp: env.RATE_LIMIT_REFRESH_PER_IP,
      guestCartsPerIp: env.RATE_LIMIT_GUEST_CARTS_PER_IP,
    },
    passwordHashQueueLimit: env.PASSWORD_HASH_QUEUE_LIMIT,
  };
}

/**
 * The signing secrets still at their published development values, by variable name; empty when every one is the
 * operator's own. The one place that knows what "development secrets" are: the client-token secret and the internal
 * keys (`developmentKeysIn`), so every refusal built on it counts both.
 */
export function developmentSecretsIn(env: Pick<Env, "JWT_SECRET">, internalKeys: InternalKeys): string[] {
  return [...(env.JWT_SECRET === DEV_JWT_SECRET ? ["JWT_SECRET"] : []), ...developmentKeysIn(internalKeys)];
}

function refuseDevelopmentSecrets(env: Env, internalKeys: InternalKeys) {
  const insecure = [...developmentSecretsIn(env, internalKeys), ...(env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD ? ["ADMIN_PASSWORD"] : [])];
  if (insecure.length > 0) {
    throw new Error(`NODE_ENV=production refuses the development defaults of: ${insecure.join(", ")}. Set them.`);
  }
}

const isLoopbackAddress = proxyaddr.compile("loopback");

/** 127.0.0.0/8, ::1 (and IPv4-mapped loopback), or `localhost`: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();
  if (bare === "localhost") return true;
  // proxy-addr's trust function takes an address and a hop index; anything that is not an IP (0.0.0.0 aside) is not loopback.
  return isIP(bare) !== 0 && isLoopbackAddress(bare, 0);
}

/**
 * The development secrets are in this repository for anyone to read: whoever can reach a service signed with them
 * can mint any client or internal token. So, whatever NODE_ENV says, they are only accepted on a loopback HOST.
 */
function refuseDevelopmentSecretsBeyondLoopback(env: Env, internalKeys: InternalKeys) {
  const insecure = developmentSecretsIn(env, internalKeys);
  if (insecure.length === 0 || isLoopbackHost(env.HOST)) return;
  throw new Error(
    `HOST=${env.HOST} is reachable from other machines, but ${insecure.join(", ")} ${insecure.length > 1 ? "are" : "is"} still ` +
      `the public development default: set ${insecure.length > 1 ? "them" : "it"} (32+ random characters), or listen on 127.0.0.1.`,
  );
}
