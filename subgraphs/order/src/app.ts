import {
  closeRedis,
  connectDatabase,
  connectRedis,
  createRateLimit,
  migrationsFolderOf,
  startSubgraphService,
  waitBriefly,
  type ShopConfig,
} from "@shop/runtime";
import { schema } from "./db/schema";
import { createLoaders } from "./loaders";
import { resolvers } from "./resolvers";
import { recoverCancellations } from "./services/cancel/recovery";
import { recoverCheckouts } from "./services/checkout/recovery";
import { SoldOutHints } from "./services/checkout/sold-out-hints";
import { observeOrders } from "./services/metrics";
import { startOutboxRelay } from "./services/outbox-relay";
import { startRecovery } from "./services/recovery-rounds";
import { withResilience } from "./services/payments/resilient-provider";
import { choosePaymentProvider } from "./services/payments/provider-choice";
import { createSimulatedProvider } from "./services/payments/simulated-provider";
import { loadOrderSettings, type OrderSettings } from "./settings";
import { createSiblings } from "./siblings";
import { createLiveDeps } from "./subscriptions/follow";
import { startOrderEventHub } from "./subscriptions/hub";

const packageRoot = new URL("..", import.meta.url);
export const migrationsFolder = migrationsFolderOf(packageRoot);

/**
 * Migrates the order database and serves the order subgraph, with its background work: the outbox relay (events
 * to Redis) and recovery (finishes or undoes checkouts, and finishes cancellations, whose process died). `stop` ends all of it.
 * `settings` (payments, recovery, outbox, the hold it asks for) default to the environment's, validated.
 */
export function startOrderSubgraph(config: ShopConfig, settings: OrderSettings = loadOrderSettings()) {
  // Before migrations or connections (and thrown, not rejected): production without a payment provider stops here.
  const provider = choosePaymentProvider(settings.paymentProvider, config.env === "production");
  const { reservationTtlSeconds } = settings;
  const { chargeLeaseMs, commitMaxAttempts } = settings.checkout;
  return startSubgraphService({
    name: "order",
    config,
    packageRoot,
    schema,
    resolvers,
    open: async (database, log) => {
      const redis = connectRedis(config.redisUrl);
      // The checkout limit has a fail-fast client of its own: while Redis is unreachable it counts in memory at once
      // (runtime rate-limit.ts) rather than queueing behind the relay's retries.
      const limitsRedis = connectRedis(config.redisUrl, { failFast: true, lazyConnect: true });
      limitsRedis.on("error", (error: Error) => log.debug({ err: error }, "rate limit connection error"));
      await limitsRedis
        .connect()
        .catch((error: unknown) => log.warn({ err: error }, "Redis unreachable: the checkout limit counts in memory"));
      const checkoutLimit = createRateLimit(limitsRedis, config.rateLimits, "checkoutAccount");
      if (provider.warning) log.warn({ provider: provider.name }, provider.warning);
      // The one adapter today; a real provider's adapter is chosen here by its PAYMENT_PROVIDER name.
      const payments = withResilience(createSimulatedProvider(database.db), settings.payments, log);
      const siblings = createSiblings(config);
      const soldOut = new SoldOutHints();
      // Background work (relay, recovery) has its own small pool: it never competes with requests for connections,
      // and its rounds stay out of the request pool's statement counts.
      const background = connectDatabase(config.subgraphs.order.databaseUrl, schema, {
        max: 3,
        name: "order-background",
        statementTimeoutMs: config.databaseStatementTimeoutMs,
      });
      const unobserve = observeOrders(background, payments);
      const relay = startOutboxRelay({ database: background, redis, log, pollIntervalMs: settings.outboxPollIntervalMs });
      // One Redis subscriber per process feeds every live subscription (graphql-ws) this process serves.
      const hub = startOrderEventHub(config.redisUrl, log);
      await waitBriefly(hub.ready, 5000);
      const sagaDeps = {
        db: background.db,
        sql: background.sql,
        siblings,
        payments,
        reservationTtlSeconds,
        soldOut,
        chargeLeaseMs,
        commitMaxAttempts,
        log,
      };
      const { staleAfterMs, intervalMs } = settings.recovery;
      const recovery = startRecovery(
        [
          { name: "checkouts", run: () => recoverCheckouts(sagaDeps, staleAfterMs) },
          { name: "cancellations", run: () => recoverCancellations(sagaDeps, log, staleAfterMs) },
        ],
        { intervalMs },
        log,
      );
      return {
        siblings,
        payments,
        soldOut,
        redis,
        relay,
        live: createLiveDeps(database.db, hub, settings.sinceMaxAgeSeconds),
        checkoutLimit,
        /** One checkout recovery round now (tests and operators), besides the timer's. */
        recover: () => recovery.runOnce(),
        // The payment circuit is reported, not held against the subgraph: orders can be read while payments are down.
        health: async () => {
          await redis.ping();
          return { payments: { provider: payments.name, circuit: payments.state() } };
        },
        close: async () => {
          unobserve();
          await recovery.stop();
          await relay.stop();
          await hub.close();
          await background.close();
          await closeRedis(redis);
          await closeRedis(limitsRedis);
        },
      };
    },
    context: (base, { db, sql }, { siblings, payments, soldOut, live, checkoutLimit }) => ({
      ...base,
      db,
      sql,
      loaders: createLoaders(db),
      siblings,
      payments,
      reservationTtlSeconds,
      soldOut,
      chargeLeaseMs,
      commitMaxAttempts,
      live,
      checkoutLimit,
    }),
    subscriptions: true,
  });
}
