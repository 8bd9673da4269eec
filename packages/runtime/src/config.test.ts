import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { developmentSecretsIn, isLoopbackHost, loadConfig, sharedEnvSchema } from "./config";
import { documentedDefaults } from "./documented-env";
import { generateInternalKeys, internalKeysEnv } from "./internal-keys";
import { SUBGRAPHS } from "./subgraphs";
import { refusalOf } from "./testing/env";

/** Secrets that are not the development defaults, so production mode accepts them. */
const PRODUCTION_SECRETS: Record<string, string> = {
  NODE_ENV: "production",
  JWT_SECRET: "a-real-client-token-secret-of-32-chars-or-more",
  ...internalKeysEnv(generateInternalKeys()),
  ADMIN_PASSWORD: "a-real-admin-password",
};

/** PRODUCTION_SECRETS but `name`; without INTERNAL_PUBLIC_KEYS, the signing keys it vouched for go too. */
function productionSecretsWithout(name: string): Record<string, string> {
  const vouchedFor = (key: string) => name === "INTERNAL_PUBLIC_KEYS" && key.endsWith("_INTERNAL_SIGNING_KEY");
  return Object.fromEntries(Object.entries(PRODUCTION_SECRETS).filter(([key]) => key !== name && !vouchedFor(key)));
}

describe("loadConfig defaults", () => {
  // loadConfig is given its environment, so these hold whatever the shell running the tests has set.
  const config = loadConfig({});

  it("runs a development stack on the local machine", () => {
    expect(config).toMatchObject({
      env: "development",
      logLevel: "info",
      host: "127.0.0.1",
      gatewayPort: 4000,
      redisUrl: "redis://127.0.0.1:6379",
      // Access tokens live 15 minutes; a refresh token waits up to 30 days for its next use.
      jwt: { ttlSeconds: 15 * 60, refreshTtlSeconds: 30 * 24 * 3600 },
      passwordScryptLogN: 15,
      admin: { email: "admin@shop.test", password: "admin-password" },
    });
  });

  it("gives each subgraph its port 4001…4005, its URL on that port and its own database", () => {
    expect(Object.keys(config.subgraphs)).toEqual([...SUBGRAPHS]);
    SUBGRAPHS.forEach((name, index) => {
      expect(config.subgraphs[name]).toEqual({
        port: 4001 + index,
        url: `http://127.0.0.1:${4001 + index}/graphql`,
        databaseUrl: `postgres://postgres@127.0.0.1:5432/shop_${name}`,
      });
    });
  });

  it("has the documented limits and timeouts", () => {
    expect(config).toMatchObject({
      databasePoolSize: 10,
      limits: { maxDepth: 12, maxAliases: 30, maxTokens: 2000, maxDirectives: 30 },
      subscriptions: { maxPerConnection: 20, initTimeoutMs: 3000, maxPerUser: 50, maxSocketsPerIp: 100, maxPendingEvents: 100 },
    });
  });

  it("allows Apollo Studio and the local web app and gateway as CORS origins", () => {
    expect(config.corsOrigins).toEqual(["https://studio.apollographql.com", "http://localhost:3000", "http://localhost:4000"]);
  });

  it("uses secrets of at least 32 characters even in development, and the development key of every service", () => {
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(Object.keys(config.internalKeys.signingKeys)).toEqual([
      "gateway",
      "user",
      "product",
      "inventory",
      "cart",
      "order",
      "notifications",
    ]);
  });
});

describe("loadConfig reading the environment", () => {
  it("turns numeric variables into numbers", () => {
    const config = loadConfig({ GATEWAY_PORT: "8080", CART_PORT: "0", JWT_TTL_SECONDS: "60", MAX_SUBSCRIPTIONS_PER_CONNECTION: "5" });

    expect(config.gatewayPort).toBe(8080);
    // Port 0 stays allowed: tests and benchmarks let the OS pick a free port.
    expect(config.subgraphs.cart.port).toBe(0);
    expect(config.jwt.ttlSeconds).toBe(60);
    expect(config.subscriptions.maxPerConnection).toBe(5);
  });

  it("takes a subgraph's URL and database from its own variables, leaving the others at their defaults", () => {
    const config = loadConfig({ ORDER_URL: "http://orders.internal:8080/graphql", ORDER_DATABASE_URL: "postgres://db.internal/orders" });

    expect(config.subgraphs.order).toEqual({
      port: 4005,
      url: "http://orders.internal:8080/graphql",
      databaseUrl: "postgres://db.internal/orders",
    });
    expect(config.subgraphs.cart.url).toBe("http://127.0.0.1:4004/graphql");
  });

  it("names every bad variable in one error, so one fix-up round is enough", () => {
    const message = refusalOf(loadConfig, {
      LOG_LEVEL: "loud",
      USER_PORT: "http",
      ORDER_PORT: "70000",
      REDIS_URL: "localhost",
      JWT_SECRET: "too-short",
      DATABASE_POOL_SIZE: "1",
      ADMIN_EMAIL: "admin",
    });

    const named = message
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(":")[0]);
    expect(message.split("\n")[0]).toBe("Invalid environment (shared config):");
    expect(named.sort()).toEqual(["ADMIN_EMAIL", "DATABASE_POOL_SIZE", "JWT_SECRET", "LOG_LEVEL", "ORDER_PORT", "REDIS_URL", "USER_PORT"]);
    expect(message).toContain("JWT_SECRET must be at least 32 characters");
  });

  it.each(["", "  "])("refuses the blank port %j rather than letting the OS pick one nobody is told about", (blank) => {
    expect(refusalOf(loadConfig, { GATEWAY_PORT: blank })).toBe("Invalid environment (shared config):\n  GATEWAY_PORT: must not be empty");
  });

  it("refuses an unknown NODE_ENV", () => {
    expect(refusalOf(loadConfig, { NODE_ENV: "staging" })).toMatch(/^Invalid environment \(shared config\):\n {2}NODE_ENV: /);
  });

  it("leaves a service's own variables to that service (subgraphs/<name>/src/settings.ts)", () => {
    const config = loadConfig({ PAYMENT_MAX_ATTEMPTS: "0", STOCK_KEY_PREFIX: "{bad}", OUTBOX_POLL_INTERVAL_MS: "soon" });

    expect(config).toEqual(loadConfig({}));
  });
});

describe("loadConfig in production", () => {
  it("refuses every development secret, naming each", () => {
    expect(refusalOf(loadConfig, { NODE_ENV: "production" })).toBe(
      "NODE_ENV=production refuses the development defaults of: JWT_SECRET, INTERNAL_PUBLIC_KEYS, ADMIN_PASSWORD. Set them.",
    );
  });

  it.each(["JWT_SECRET", "INTERNAL_PUBLIC_KEYS", "ADMIN_PASSWORD"] as const)(
    "names %s alone when it is the one left at its default",
    (name) => {
      expect(refusalOf(loadConfig, productionSecretsWithout(name))).toBe(
        `NODE_ENV=production refuses the development defaults of: ${name}. Set them.`,
      );
    },
  );

  it("refuses a development default passed explicitly, not only an absent variable", () => {
    const development = loadConfig({});

    expect(refusalOf(loadConfig, { ...PRODUCTION_SECRETS, JWT_SECRET: development.jwt.secret })).toContain("defaults of: JWT_SECRET.");
  });

  it("starts with secrets of its own", () => {
    const config = loadConfig(PRODUCTION_SECRETS);

    expect(config.env).toBe("production");
    expect(config.jwt.secret).toBe(PRODUCTION_SECRETS.JWT_SECRET);
    expect(JSON.stringify(config.internalKeys.publicKeys)).toBe(PRODUCTION_SECRETS.INTERNAL_PUBLIC_KEYS);
    expect(config.admin.password).toBe(PRODUCTION_SECRETS.ADMIN_PASSWORD);
  });

  it("counts the development internal keys among the development secrets, and the operator's own keys not", () => {
    const development = loadConfig({});
    const own = loadConfig({ ...PRODUCTION_SECRETS, NODE_ENV: "development" });

    expect(developmentSecretsIn({ JWT_SECRET: "an operator's own secret of 32+ characters" }, development.internalKeys)).toEqual([
      "INTERNAL_PUBLIC_KEYS",
    ]);
    expect(developmentSecretsIn({ JWT_SECRET: development.jwt.secret }, development.internalKeys)).toEqual([
      "JWT_SECRET",
      "INTERNAL_PUBLIC_KEYS",
    ]);
    expect(developmentSecretsIn({ JWT_SECRET: own.jwt.secret }, own.internalKeys)).toEqual([]);
  });

  it.each(["development", "test"])("lets %s run on the development secrets", (env) => {
    expect(loadConfig({ NODE_ENV: env }).env).toBe(env);
  });
});

describe("development secrets on a reachable interface", () => {
  const OWN_KEYS = Object.fromEntries(
    Object.entries(PRODUCTION_SECRETS).filter(([key]) => key.startsWith("INTERNAL_") || key.endsWith("_INTERNAL_SIGNING_KEY")),
  );
  const OWN_SECRETS = { JWT_SECRET: PRODUCTION_SECRETS.JWT_SECRET!, ...OWN_KEYS };

  it.each(["development", "test", "production"])("refuse a HOST that is not loopback in %s, naming the secrets", (env) => {
    const secrets: Record<string, string> = env === "production" ? { ADMIN_PASSWORD: PRODUCTION_SECRETS.ADMIN_PASSWORD! } : {};
    // In production the development secrets are refused on any HOST; the HOST check names them the same way.
    const message = refusalOf(loadConfig, { NODE_ENV: env, HOST: "0.0.0.0", ...secrets });

    expect(message).toMatch(
      env === "production" ? /JWT_SECRET, INTERNAL_PUBLIC_KEYS/ : /^HOST=0\.0\.0\.0 .*JWT_SECRET, INTERNAL_PUBLIC_KEYS/,
    );
  });

  it.each([
    ["JWT_SECRET", OWN_KEYS],
    ["INTERNAL_PUBLIC_KEYS", { JWT_SECRET: OWN_SECRETS.JWT_SECRET }],
  ])("refuse a public HOST while %s alone is the default", (name, others) => {
    expect(refusalOf(loadConfig, { HOST: "10.1.2.3", ...others })).toBe(
      `HOST=10.1.2.3 is reachable from other machines, but ${name} is still the public development default: set it (32+ random characters), or listen on 127.0.0.1.`,
    );
  });

  it.each(["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"])("are fine on the loopback HOST %s", (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  it.each(["0.0.0.0", "::", "192.168.1.20", "shop.example.com", "localhost.example.com"])("are refused on %s", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
    expect(() => loadConfig({ HOST: host })).toThrow(/development default/);
  });

  it("let secrets of one's own listen anywhere", () => {
    expect(loadConfig({ HOST: "0.0.0.0", ...OWN_SECRETS }).host).toBe("0.0.0.0");
  });
});

describe("CORS_ORIGINS", () => {
  it("is a comma-separated list; spaces and empty entries are dropped", () => {
    const config = loadConfig({ CORS_ORIGINS: " https://shop.example ,, https://admin.shop.example , " });

    expect(config.corsOrigins).toEqual(["https://shop.example", "https://admin.shop.example"]);
  });

  it("takes a single origin", () => {
    expect(loadConfig({ CORS_ORIGINS: "https://shop.example" }).corsOrigins).toEqual(["https://shop.example"]);
  });
});

describe("the README's environment table", () => {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const documented = documentedDefaults(readme);
  const defaults = sharedEnvSchema.parse({}) as Record<string, unknown>;
  // Documented together as one row per kind: `USER_PORT` … `ORDER_PORT`, and so on.
  const perSubgraph = /^(USER|PRODUCT|INVENTORY|CART|ORDER)_(PORT|URL|DATABASE_URL)$/;

  it("names every shared variable", () => {
    const rows = readme.split("\n").filter((line) => line.startsWith("| `"));
    const undocumented = Object.keys(defaults).filter(
      (name) => !perSubgraph.test(name) && !rows.some((row) => row.split("|")[1]!.includes(`\`${name}\``)),
    );

    expect(undocumented).toEqual([]);
  });

  it("gives each the default it has in code, where it states one", () => {
    const inCode = Object.fromEntries(
      Object.keys(defaults)
        .filter((name) => documented.has(name))
        .map((name) => [name, [defaults[name]].flat().join(",")]),
    );
    const inReadme = Object.fromEntries(Object.keys(inCode).map((name) => [name, documented.get(name)]));

    expect(inReadme).toEqual(inCode);
    // The rate limits state theirs, every one.
    for (const name of Object.keys(defaults).filter((name) => name.startsWith("RATE_LIMIT_") || name === "PASSWORD_HASH_QUEUE_LIMIT"))
      expect(inCode).toHaveProperty(name);
  });
});
