import type { IncomingMessage } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { DocumentNode } from "graphql";
import type { Logger } from "pino";
import { CLIENT_IP_HEADER, forwardedClientIp } from "./client-ip";
import { noteOperationPlugin } from "./access-log";
import { refuseControlCharacters } from "./control-characters";
import { createErrorFormatter } from "./errors";
import { CACHE_TAGS_HEADER } from "./response-cache";
import { apolloHandler, listen, sendError } from "./http";
import { guardInternalFields, siblingsCallOnlyTheirFields, type InternalFields } from "./internal-fields";
import type { InternalKeys } from "./internal-keys";
import { INTERNAL_TOKEN_HEADER, verifyInternalToken, type InternalCaller } from "./internal-tokens";
import { answerProbe, type Probes } from "./probes";
import type { BaseContext, ResolverMap } from "./resolver-map";
import { serveGraphqlWs, type SubscriptionOptions } from "./subgraph-ws";
import type { SubgraphName } from "./subgraphs";
import { rememberVerified } from "./verified-tokens";

export {
  createDocumentCache,
  createWsErrorFormatter,
  TOO_MANY_SUBSCRIPTIONS,
  tooManyPendingEvents,
  tooManySubscriptions,
  tooManySubscriptionsOfAccount,
  type SubscriptionOptions,
} from "./subgraph-ws";

export type { BaseContext, ResolverMap } from "./resolver-map";

export interface SubgraphOptions<C extends BaseContext> {
  /** Also the audience its internal tokens must name. */
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: ResolverMap<C>;
  /** Which sibling services may call each @inaccessible field; every such field of `typeDefs` must be listed. */
  internalFields?: InternalFields;
  port: number;
  host: string;
  /** Every service's public key: a token is believed when the key of the service it names signed it. */
  internalKeys: InternalKeys;
  production: boolean;
  /** How long `stop` lets requests in flight finish before it cuts them (SHUTDOWN_GRACE_MS; default 0). */
  shutdownGraceMs?: number;
  log: Logger;
  /** Builds the per-request context (fresh DataLoaders) for a verified caller. */
  createContext(base: BaseContext): C;
  /**
   * `/readyz` (and `/health`) answer 200 when this resolves (dependencies reachable), 503 when it throws (probes.ts).
   * What it resolves to, if anything, is added to the JSON answer: state operators watch that is not a reason to
   * take the service out.
   */
  health(): Promise<void | Record<string, unknown>>;
  /**
   * Also serve GraphQL over WebSocket (graphql-ws) on `/graphql`, for the schema's `Subscription` fields (queries and
   * mutations work too). Same trust as HTTP: the internal token goes in `connectionParams`; see `serveGraphqlWs`.
   * Omitted: HTTP only.
   */
  subscriptions?: SubscriptionOptions;
}

export interface RunningService {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4001/graphql. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The one server bootstrap of every subgraph: Apollo Server on a federation schema, the probes open (probes.ts),
 * `/graphql` refusing any call that lacks a valid internal token (so `_entities` and @inaccessible fields
 * cannot be reached around the gateway).
 */
export async function startSubgraph<C extends BaseContext>(options: SubgraphOptions<C>): Promise<RunningService> {
  const { log } = options;
  const resolvers = refuseControlCharacters(
    options.typeDefs,
    guardInternalFields(options.typeDefs, options.resolvers, options.internalFields ?? {}),
  );
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers }]);
  const apollo = new ApolloServer<C>({
    schema,
    formatError: createErrorFormatter(log, options.production),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // stopOnSignal owns shutdown; Apollo's own signal handlers would race it and hang stop().
    stopOnTerminationSignals: false,
    // Traces are for Apollo usage reporting, which this stack does not use; skip their per-field cost.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      siblingsCallOnlyTheirFields(options.internalFields ?? {}),
      executedOperationsAnswer200,
      reportCacheTags,
      noteOperationPlugin,
    ],
  });
  await apollo.start();
  const verify = rememberVerified((token) => verifyInternalToken(options.internalKeys, options.name, token));
  const graphql = apolloHandler(apollo, async (req: IncomingMessage) => {
    // Only requests with a valid internal token get here (the handler below refuses the others), so the client address
    // the header names was put there by the gateway, never by a client.
    const caller = (await callerOf(req, verify))!;
    const clientIp = forwardedClientIp(req.headers[CLIENT_IP_HEADER]);
    return options.createContext({
      viewer: caller.viewer,
      caller: caller.service,
      guestCartId: caller.guestCartId ?? null,
      log,
      cacheTags: new Set(),
      clientIp,
    });
  });

  let draining = false;
  const probes: Probes = {
    service: options.name,
    ready: () => options.health(),
    draining: () => draining,
    onNotReady: (error) => log.warn({ err: error }, "readiness check failed"),
  };
  const http = await listen(
    async (req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (await answerProbe(res, path, probes)) return;
      if (path !== "/graphql") return sendError(res, 404, `No route ${path}: GraphQL is served at /graphql`, "NOT_FOUND");
      if (!(await callerOf(req, verify))) {
        return sendError(res, 401, "This subgraph only answers the gateway: send your request to the gateway", "UNAUTHENTICATED");
      }
      return graphql(req, res);
    },
    options.port,
    options.host,
    log,
  );
  const ws = options.subscriptions
    ? serveGraphqlWs({
        server: http.server,
        schema,
        verify,
        production: options.production,
        log,
        options: options.subscriptions,
        createContext: (caller) =>
          options.createContext({
            viewer: caller.viewer,
            caller: caller.service,
            guestCartId: null,
            log,
            cacheTags: new Set(),
            clientIp: null,
          }),
      })
    : undefined;
  log.info({ url: `${http.origin}/graphql`, subscriptions: Boolean(ws) }, `${options.name} subgraph ready`);
  return {
    url: `${http.origin}/graphql`,
    stop: async () => {
      draining = true;
      // Upgraded sockets are no longer the HTTP server's: close them first or close() would wait on them.
      await ws?.close();
      await http.close(options.shutdownGraceMs);
      await apollo.stop();
    },
  };
}

/**
 * A subgraph answers every operation it executed with HTTP 200, its errors in the body: HTTP statuses are the
 * gateway's to choose for its client, and a non-2xx answer tells the gateway the call itself failed. (An error's
 * `extensions.http` would otherwise set the status.) Requests refused before execution — unparsable, invalid, without
 * an internal token — keep their 4xx.
 */
const executedOperationsAnswer200: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === "single" && "data" in response.body.singleResult) response.http.status = 200;
      },
    };
  },
};

/** Sends the answer's cache tags to the gateway; only answers a cache may keep need them. */
const reportCacheTags: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.cacheTags?.size) response.http.headers.set(CACHE_TAGS_HEADER, [...contextValue.cacheTags].join(" "));
      },
    };
  },
};

const verified = new WeakMap<IncomingMessage, Promise<InternalCaller | null>>();
function callerOf(req: IncomingMessage, verify: (token: string | undefined) => Promise<InternalCaller | null>) {
  let caller = verified.get(req);
  if (!caller) {
    const header = req.headers[INTERNAL_TOKEN_HEADER];
    caller = verify(Array.isArray(header) ? header[0] : header);
    verified.set(req, caller);
  }
  return caller;
}
