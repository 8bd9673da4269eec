import type { Server } from "node:http";
import type { ApolloServer } from "@apollo/server";
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  specifiedRules,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import {
  attachWebSocketServer,
  clientIpOf,
  createRateLimit,
  createDocumentCache,
  createWsErrorFormatter,
  ipRateLimitKey,
  rateLimited,
  tooManySubscriptions,
  tooManySubscriptionsOfAccount,
  extractTraceContext,
  SpanKind,
  startingSpan,
  type TraceContext,
  type Redis,
  type TrustedProxies,
  type Logger,
  type InternalTokenIssuer,
  type ShopConfig,
  type SubgraphName,
  type Viewer,
} from "@shop/runtime";
import { contextForViewer, type GatewayContext } from "../context";
import type { OperationLimits } from "../operation-limits";
import { authenticateConnection, refreshRefusal, type Subscriber } from "./auth";
import type { SubscriptionFields } from "./live-fields";
import { planSubscription, type SubscriptionPlan } from "./plan";
import { OpenCounts } from "./open-counts";
import { subscriptionStream, type Refetch } from "./stream";
import { Upstream } from "./upstream";

export interface SubscriptionServerOptions {
  server: Server;
  config: ShopConfig;
  log: Logger;
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's internal tokens, reused per viewer. */
  issue: InternalTokenIssuer;
  /** Where the new-connections-per-IP limit counts (the gateway's fail-fast client). */
  redis: Redis;
  /** Whose X-Forwarded-For to believe (TRUSTED_PROXIES). */
  trust: TrustedProxies;
  /** The supergraph's API schema (what clients may select), current after schema updates. */
  schema(): GraphQLSchema;
  /** How each Subscription field is served, read from the same supergraph (./live-fields). */
  fields(): SubscriptionFields;
  /** The gateway's operation limits (tokens, depth, aliases, directives…), applied to subscriptions as to HTTP operations. */
  limits: OperationLimits;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Why an anonymous connection is closed when it subscribes to something that needs a viewer. */
const SIGN_IN = 'Sign in first: send connectionParams { authorization: "Bearer <token>" } in connection_init';

/** `extensions.code` of a WebSocket refused (HTTP 429) because its address already holds MAX_WEBSOCKETS_PER_IP open. */
const TOO_MANY_CONNECTIONS = "TOO_MANY_CONNECTIONS";

/** What graphql-ws hands from onSubscribe to execute/subscribe. */
interface Prepared {
  trace: TraceContext;
  subscriber: Subscriber;
  /** The client's address, for the subgraphs' per-IP limits of queries and mutations sent over the socket. */
  clientIp: string;
  plan?: SubscriptionPlan;
  /** Frees the subscription's slot of its account's MAX_SUBSCRIPTIONS_PER_USER. */
  release?: () => void;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * GraphQL over WebSocket (graphql-ws) on the gateway's `/graphql`, beside Apollo on the same HTTP server.
 * `connection_init` carries a valid client JWT (an invalid one: close 4403) or none (anonymous, e.g. for live stock;
 * a subscription its subgraph refuses as UNAUTHENTICATED then closes the socket with 4403, as a missing token did
 * before); the socket closes when the token expires, unless the client sends a renewed one in a `ping` first; at most
 * `MAX_SUBSCRIPTIONS_PER_CONNECTION` operations run per connection, `MAX_SUBSCRIPTIONS_PER_USER` subscriptions per
 * account and `MAX_WEBSOCKETS_PER_IP` sockets per client address. Those two are counted by this replica: a count
 * shared through Redis would need a lease per subscription, renewed while it lives and left behind by a replica that
 * dies, where a socket's `close` frees a local slot exactly; the per-minute limit on new connections is shared. A subscription is opened on the owning subgraph
 * for the entity key, and every event resolves the client's whole selection through the supergraph as the subscriber.
 * Any Subscription field the supergraph marks `@live` is served, by the subgraph that owns it.
 */
export function serveSubscriptions(options: SubscriptionServerOptions) {
  const { config, log, apollo } = options;
  const limits = config.subscriptions;
  const subscribers = new WeakMap<object, Subscriber>();
  const expiryTimers = new WeakMap<object, NodeJS.Timeout>();
  // Accepted connections, for the count of live operations in the metrics.
  const connections = new Set<{ subscriptions: Record<string, unknown> }>();
  const tokens = options.issue;
  const upstreams = new Map<SubgraphName, Upstream>();
  const upstreamOf = (name: SubgraphName) => {
    let upstream = upstreams.get(name);
    if (!upstream) upstreams.set(name, (upstream = new Upstream(config.subgraphs[name].url, (viewer) => tokens(name, viewer), log)));
    return upstream;
  };
  const refetch = createRefetch(apollo);
  const documents = createDocumentCache([...specifiedRules, ...options.limits.validationRules], options.limits.parseOptions);
  const formatErrors = createWsErrorFormatter(log, config.env === "production");

  // New connections per client address, shared by every replica: refused with HTTP 429 and Retry-After in place of the
  // handshake, before any socket, graphql-ws state or token check is spent on them.
  const connectionLimit = createRateLimit(options.redis, config.rateLimits, "wsConnectionsIp");
  const socketsPerIp = new OpenCounts(limits.maxSocketsPerIp);
  const subscriptionsPerUser = new OpenCounts(limits.maxPerUser);
  const { wss, detach } = attachWebSocketServer(options.server, {
    maxPayload: 64 * 1024,
    admit: async (req) => {
      const address = ipRateLimitKey(clientIpOf(req, options.trust));
      const decision = await connectionLimit.consume(address);
      if (!decision.allowed) {
        const error = rateLimited(decision.retryAfterSeconds, "Too many new WebSocket connections from this address: retry later");
        return {
          status: 429,
          headers: { "Retry-After": String(error.extensions.retryAfter) },
          body: { errors: [{ message: error.message, extensions: error.extensions }] },
        };
      }
      const release = socketsPerIp.acquire(address);
      if (!release) {
        const message = `This address already holds ${socketsPerIp.max} open WebSockets, the most allowed: close one first`;
        return { status: 429, body: { errors: [{ message, extensions: { code: TOO_MANY_CONNECTIONS, limit: socketsPerIp.max } }] } };
      }
      // The TCP connection is the one that becomes the WebSocket: its end frees the slot, whether the handshake
      // completed or the peer left before.
      req.socket.once("close", release);
      return undefined;
    },
  });

  /**
   * A subscription that needs a signed-in viewer, asked for on an anonymous connection (its subgraph answers
   * UNAUTHENTICATED): the connection is what lacks the token, so it is refused as one without a token always was,
   * closed with 4403 before the error is sent (graphql-ws sends nothing on a closing socket). Queries and mutations
   * over the socket answer their errors as over HTTP.
   */
  const refuseAnonymousWhere = (ctx: { extra: { socket: { close(code: number, reason: string): void } } }, errors?: readonly unknown[]) => {
    const subscriber = subscribers.get(ctx);
    const unauthenticated = errors?.some((error) => (error as GraphQLFormattedError).extensions?.code === "UNAUTHENTICATED");
    if (subscriber && !subscriber.viewer && unauthenticated) ctx.extra.socket.close(CloseCode.Forbidden, SIGN_IN);
  };

  const server = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: limits.initTimeoutMs,
      // graphql-ws closes a socket on an unexpected exception with the exception's message as the close reason unless
      // NODE_ENV is "production"; clients get "Internal server error" in every mode, as over HTTP.
      isProd: true,
      onConnect: async (ctx) => {
        const subscriber = await authenticateConnection(config.jwt.secret, ctx.connectionParams);
        if ("refused" in subscriber) {
          ctx.extra.socket.close(CloseCode.Forbidden, subscriber.refused.slice(0, 120));
          return false;
        }
        subscribers.set(ctx, subscriber);
        connections.add(ctx);
        if (!subscriber.viewer) return true;
        // The timer only wakes us: a token is looked at again then, and the socket closes once it has expired. A
        // timer can fire a little before its delay by the wall clock (libuv counts from its cached loop time), and
        // setTimeout holds at most ~24.8 days, so an early or a capped wake-up just waits again.
        const closeAtExpiry = () => {
          const left = subscriber.expiresAt - Date.now();
          const wake = () =>
            subscriber.expiresAt > Date.now()
              ? closeAtExpiry()
              : ctx.extra.socket.close(CloseCode.Forbidden, "The token has expired: sign in again");
          expiryTimers.set(ctx, setTimeout(wake, Math.min(Math.max(0, left), MAX_TIMER_MS)));
        };
        closeAtExpiry();
        return true;
      },
      // A client renews the connection's token in band (README "Sessions"): a `ping` whose payload is
      // { authorization: "Bearer <new access token>" }. A valid token of the same account and role moves the expiry (the
      // timer above finds the new one when it wakes); anything else closes the socket with why. A ping without one is
      // a keep-alive. graphql-ws answers every ping with a pong once this has run, so the pong confirms the renewal.
      onPing: async (ctx, payload) => {
        const subscriber = subscribers.get(ctx);
        if (!subscriber || !payload || !("authorization" in payload || "Authorization" in payload)) return;
        const refuse = (reason: string) => ctx.extra.socket.close(CloseCode.Forbidden, reason.slice(0, 120));
        const next = await authenticateConnection(config.jwt.secret, payload);
        if ("refused" in next) return refuse(next.refused);
        const refused = refreshRefusal(subscriber, next);
        if (refused) return refuse(refused);
        subscriber.expiresAt = next.expiresAt;
      },
      onClose: (ctx) => {
        connections.delete(ctx);
        clearTimeout(expiryTimers.get(ctx));
      },
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > limits.maxPerConnection) return [tooManySubscriptions(limits.maxPerConnection)];
        const subscriber = subscribers.get(ctx)!;
        const schema = options.schema();
        const { document, errors } = documents(schema, payload.query);
        if (errors) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError("Unable to identify the operation to run", { extensions: { code: "BAD_REQUEST" } })];
        const variables = payload.variables ?? {};
        let plan: SubscriptionPlan | undefined;
        let release: (() => void) | undefined;
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          try {
            plan = planSubscription(document, operation, variables, options.fields());
          } catch (error) {
            return [error as GraphQLError];
          }
          // graphql-ws calls subscribe next, which hands the slot to the stream: it is freed when the stream ends.
          // Anonymous subscribers are counted by address, as one account each.
          const account = subscriber.viewer?.userId ?? `anonymous:${ipRateLimitKey(clientIpOf(ctx.extra.request, options.trust))}`;
          release = subscriptionsPerUser.acquire(account) ?? undefined;
          if (!release) return [tooManySubscriptionsOfAccount(subscriptionsPerUser.max)];
        }
        const prepared: Prepared = {
          // A client continues its trace with a traceparent in the subscribe message's extensions (or the upgrade's headers).
          trace: extractTraceContext(payload.extensions ?? ctx.extra.request.headers),
          subscriber,
          clientIp: clientIpOf(ctx.extra.request, options.trust),
          plan,
          release,
          query: payload.query,
          variables,
        };
        return { schema, document, operationName: payload.operationName, variableValues: variables, contextValue: prepared };
      },
      subscribe: (args) => {
        const { subscriber, plan, release, trace } = args.contextValue as Prepared;
        try {
          return startingSpan(
            `subscribe ${getOperationAST(args.document, args.operationName)?.name?.value ?? plan!.fieldName}`,
            { kind: SpanKind.SERVER, parent: trace, attributes: { "graphql.operation.type": "subscription" } },
            (active) =>
              subscriptionStream(plan!, subscriber.viewer, upstreamOf(plan!.field.subgraph), refetch, active, {
                maxPending: limits.maxPendingEvents,
                onEnd: release,
              }),
          ) as never;
        } catch (error) {
          release?.();
          throw error;
        }
      },
      // Queries and mutations sent over the socket run through Apollo like HTTP ones.
      execute: async (args) => {
        const { subscriber, clientIp, query, variables } = args.contextValue as Prepared;
        return (await runOperation(
          apollo,
          query,
          variables,
          args.operationName ?? undefined,
          contextForViewer(subscriber.viewer, clientIp),
        )) as never;
      },
      // Results are already formatted by Apollo (and the stream); pass them through untouched.
      onNext: (ctx, _id, _payload, args, result) => {
        if ((args.contextValue as Prepared).plan) refuseAnonymousWhere(ctx, result.errors);
        return result;
      },
      onError: (ctx, _id, _payload, errors) => {
        refuseAnonymousWhere(ctx, errors);
        return formatErrors(errors);
      },
    },
    wss,
  );

  return {
    /** Connections open now (benchmarks, metrics). */
    connectionCount: () => wss.clients.size,
    /** Operations running now over accepted connections: subscriptions, and queries or mutations sent over a socket. */
    operationCount: () => [...connections].reduce((sum, ctx) => sum + Object.keys(ctx.subscriptions).length, 0),
    close: async () => {
      detach();
      await Promise.resolve(server.dispose()).catch((error: unknown) => log.warn({ err: error }, "closing the WebSocket server failed"));
      await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
    },
  };
}

/** Executes one operation on the gateway's Apollo Server with a given context; the result is formatted. */
async function runOperation(
  apollo: ApolloServer<GatewayContext>,
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  contextValue: GatewayContext,
): Promise<FormattedExecutionResult> {
  const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue });
  if (response.body.kind !== "single") throw new Error("Incremental delivery is not supported over WebSocket");
  return response.body.singleResult;
}

/**
 * The per-event query of subscriptions. Subscribers with the same identity, selection and variables who receive the
 * same version of an entity share one execution: a fetch started after that version committed serves all of them.
 */
function createRefetch(apollo: ApolloServer<GatewayContext>): Refetch {
  const shared = new Map<string, Promise<FormattedExecutionResult>>();
  return (plan, viewer: Viewer | null, key, version) => {
    const variables = { ...plan.refetch.variables, [plan.refetch.keyVariable]: key };
    // Shared by every subscriber of the same identity and version, so it runs for no one address.
    const run = () => runOperation(apollo, plan.refetch.query, variables, undefined, contextForViewer(viewer, null));
    if (!version) return run();
    const id = `${viewer ? `${viewer.role}:${viewer.userId}` : "anonymous"}\n${version}\n${JSON.stringify(variables)}\n${plan.refetch.query}`;
    let result = shared.get(id);
    if (!result) {
      result = run();
      shared.set(id, result);
      const forget = () => setTimeout(() => shared.delete(id), 2000).unref();
      result.then(forget, forget);
    }
    return result;
  };
}
