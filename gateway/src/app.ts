import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin, type HTTPGraphQLRequest } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { OperationTypeNode, type GraphQLSchema } from "graphql";
import {
  answerProbe,
  CART_TOKEN_HEADER,
  clientIpOf,
  currentScope,
  closeRedis,
  connectRedis,
  createRateLimit,
  createErrorFormatter,
  createInternalTokenIssuer,
  createLogger,
  HttpError,
  ipRateLimitKey,
  listen,
  noteOperationPlugin,
  readGraphQLRequest,
  responseCacheStore,
  sendError,
  sendGraphQLResponse,
  type Probes,
  type ShopConfig,
  type SubgraphName,
  trustedProxies,
  startTracing,
} from "@shop/runtime";
import { contextForViewer, guestCartOfRequest, viewerOfRequest, type GatewayContext } from "./context";
import { SubgraphSource } from "./data-source";
import { rateLimitedPlugin, requestTimeoutPlugin, sendRateLimited, serviceUnavailablePlugin } from "./http-status";
import { requestDeadline } from "./request-deadline";
import { redisPersistedQueries } from "./persisted-queries";
import { operationLimits } from "./operation-limits";
import { observeSubscriptions } from "./metrics";
import { subgraphsReachable } from "./readiness";
import { cacheKeyOf, gatewayResponseCache, passesCsrfPrevention, publicMaxAge } from "./response-cache";
import { subscriptionFieldsOf, type SubscriptionFields } from "./subscriptions/live-fields";
import { serveSubscriptions } from "./subscriptions/server";
import { readSupergraph } from "./supergraph";

/**
 * The gateway: Apollo Server + Apollo Gateway on the committed supergraph, JWT verified once, operation limits,
 * Sandbox and CORS in development, introspection off in production; errors clean in every mode (runtime
 * `createErrorFormatter`) with deliberate HTTP statuses (./http-status); subscriptions over graphql-ws on the same
 * `/graphql` (./subscriptions). Anonymous catalogue answers come from the response cache shared by every replica in
 * Redis (./response-cache) when it has them; subgraph fetches go through ./data-source.
 */
export async function startGateway(config: ShopConfig) {
  // First: @apollo/gateway's own spans (validation, query planning, fetches) need the tracer registered.
  startTracing("gateway", config.otlpEndpoint);
  const log = createLogger("gateway", config.logLevel);
  const production = config.env === "production";
  const issue = createInternalTokenIssuer(config.internalKeys, "gateway");
  const redis = connectRedis(config.redisUrl, { failFast: true });
  // Redis errors are handled where the cache is used; without a listener ioredis would print each reconnect attempt.
  redis.on("error", (error: Error) => log.debug({ err: error }, "response cache connection error"));
  const cachePrefix = config.responseCache.keyPrefix;
  const cache = config.responseCache.enabled ? gatewayResponseCache(responseCacheStore(redis, cachePrefix), log) : undefined;
  // The client is the socket's peer, or whom the trusted proxies say they forward for (TRUSTED_PROXIES).
  const trust = trustedProxies(config.trustedProxies);
  // Every request to /graphql counts against its address's budget, shared by every replica (README "Rate limits").
  const requestBudget = createRateLimit(redis, config.rateLimits, "requests");
  // @apollo/gateway otherwise probes cloud metadata endpoints and exports usage metrics to Apollo on its own;
  // a shop backend should not phone home unless its operators opt in (APOLLO_TELEMETRY_DISABLED=false).
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    // Routing URLs come from the environment, not from the composed file, so any deployment can move a subgraph.
    buildService: ({ name }) =>
      new SubgraphSource({
        name: name as SubgraphName,
        url: config.subgraphs[name as SubgraphName].url,
        timeoutMs: config.subgraphTimeoutMs,
        issue,
        sharing: config.subgraphDeduplication,
        log,
      }),
    logger: log,
  });
  // Subscriptions validate against the API schema (what clients see), kept current by the gateway.
  let apiSchema: GraphQLSchema | undefined;
  let liveFields: SubscriptionFields = {};
  gateway.onSchemaLoadOrUpdate((schema) => {
    apiSchema = schema.apiSchema;
    liveFields = subscriptionFieldsOf(schema.coreSupergraphSdl);
  });
  const limits = operationLimits(config.limits, production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    formatError: createErrorFormatter(log, production),
    includeStacktraceInErrorResponses: false,
    // stopOnSignal owns shutdown; Apollo's own signal handlers would race it and hang stop().
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    persistedQueries: { cache: redisPersistedQueries(redis, cachePrefix, log) },
    plugins: [
      ...limits.plugins,
      serviceUnavailablePlugin,
      requestTimeoutPlugin,
      rateLimitedPlugin,
      recordOperationType,
      noteOperationPlugin,
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  const allowCors = cors({ origin: config.corsOrigins, credentials: true, maxAge: 600 });

  /**
   * One GraphQL request over HTTP. An anonymous request is looked up in the response cache first (one Redis round trip
   * that also reads the cache epoch); a miss runs through Apollo, and a query answer Apollo marked public with a
   * max-age is stored under the cache tags the subgraphs reported.
   */
  const graphql = async (req: IncomingMessage, res: ServerResponse) => {
    // Counted from arrival: a slow body or a slow cache lookup spends the same budget as slow subgraphs.
    const deadline = requestDeadline(config.gatewayRequestTimeoutMs);
    const clientIp = clientIpOf(req, trust);
    // Before the body is even read: a refused client costs one Redis round trip (none while its refusal lasts).
    const budget = await requestBudget.consume(ipRateLimitKey(clientIp));
    if (!budget.allowed) return sendRateLimited(res, budget.retryAfterSeconds, "Too many requests from this address: retry later");
    const request = await readGraphQLRequest(req).catch((error: unknown) => {
      if (error instanceof HttpError) sendError(res, error.status, error.message, error.code);
      else throw error;
    });
    if (!request) return;
    // Guest carts (x-cart-token) and signed-in viewers get answers about themselves: never from the shared cache.
    const anonymous = !req.headers.authorization && !req.headers[CART_TOKEN_HEADER];
    const key = cache && anonymous ? cacheKeyOf(request) : undefined;
    const { epoch, hit } = cache ? await cache.lookup(key) : { epoch: null, hit: undefined };
    if (hit && passesCsrfPrevention(request.headers)) {
      noteCachedOperation(request);
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": `max-age=${hit.maxAgeLeft}, public`,
        // Says where the answer came from, for operators and tests (as CDNs do).
        "x-cache": "hit",
      });
      res.end(hit.body);
      return;
    }
    let context: GatewayContext | undefined;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: async () => {
        const viewer = await viewerOfRequest(config, req.headers.authorization);
        const guestCartId = await guestCartOfRequest(config, viewer, headerValue(req.headers[CART_TOKEN_HEADER]));
        context = contextForViewer(viewer, clientIp, epoch, deadline);
        if (guestCartId) context.guestCartId = guestCartId;
        return context;
      },
    });
    const maxAge = key && epoch !== null && context?.cache.operationType === OperationTypeNode.QUERY ? publicMaxAge(response) : undefined;
    if (maxAge && response.body.kind === "complete") await cache!.store(key!, response.body.string, maxAge, epoch!, context!.cache.tags);
    await sendGraphQLResponse(res, response);
  };
  let draining = false;
  const probes: Probes = {
    service: "gateway",
    ready: () => subgraphsReachable(config.subgraphs),
    draining: () => draining,
    onNotReady: (error) => log.warn({ err: error }, "readiness check failed"),
  };
  const http = await listen(
    (req, res) =>
      new Promise<void>((resolve, reject) => {
        allowCors(req, res, () => {
          const path = new URL(req.url ?? "/", "http://x").pathname;
          if (path !== "/graphql") {
            answerProbe(res, path, probes)
              .then((answered) => answered || sendError(res, 404, `No route ${path}: GraphQL is served at /graphql`, "NOT_FOUND"))
              .then(() => resolve(), reject);
            return;
          }
          graphql(req, res).then(resolve, reject);
        });
      }),
    config.gatewayPort,
    config.host,
    log,
  );
  // graphql-ws on the same server and path: `upgrade` requests never reach the HTTP handler above.
  const subscriptions = serveSubscriptions({
    server: http.server,
    config,
    log,
    apollo,
    issue,
    redis,
    trust,
    schema: () => apiSchema!,
    fields: () => liveFields,
    limits,
  });
  const unobserve = observeSubscriptions(subscriptions);
  const url = `${http.origin}/graphql`;
  log.info({ url }, "gateway ready");
  return {
    url,
    /** Open graphql-ws connections. */
    subscriptionConnections: subscriptions.connectionCount,
    stop: async () => {
      draining = true;
      unobserve();
      // Close the sockets first: upgraded connections no longer belong to the HTTP server and would hold close().
      await subscriptions.close();
      await http.close(config.shutdownGraceMs);
      await apollo.stop();
      await closeRedis(redis);
    },
  };
}

/**
 * Notes the operation's type: only a query's answer may be cached. A mutation's answer is never cacheable, whatever
 * the hints on the types it returns (`updateProduct` returns a Product, cacheable for a minute when read).
 */
const recordOperationType: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue, overallCachePolicy }) {
        contextValue.cache.operationType = operation?.operation;
        if (operation?.operation !== OperationTypeNode.QUERY) overallCachePolicy.restrict({ maxAge: 0 });
      },
    };
  },
};

/** A header sent once (Node joins most repeated headers, and lists a few). */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A response-cache hit never reaches Apollo: its access line names the operation from the request itself. */
function noteCachedOperation(request: HTTPGraphQLRequest) {
  const scope = currentScope();
  const name = (request.body as { operationName?: unknown } | undefined)?.operationName;
  if (scope) scope.operation = { name: typeof name === "string" ? name : null, errorCodes: [] };
}
