import type { Server } from "node:http";
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from "graphql";
import type { Context as WsContext, SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { asyncStream } from "./async-stream";
import { INTERNAL_TOKEN_HEADER, type InternalCaller } from "./internal-tokens";
import { createErrorFormatter, unauthenticated } from "./errors";
import { extractTraceContext, SpanKind, startingSpan, type TraceContext } from "./tracing";
import { attachWebSocketServer } from "./websocket-server";

/** How a subgraph serves GraphQL over WebSocket (graphql-ws) beside HTTP on its `/graphql` path. */
export interface SubscriptionOptions {
  /**
   * Operations one connection may run at once; one more is answered with a TOO_MANY_SUBSCRIPTIONS error. Omit it when
   * the callers multiplex many clients over one connection (the gateway does, and caps each client itself).
   */
  maxPerConnection?: number;
  /** A socket that has not sent `connection_init` after this many milliseconds is closed with 4408. */
  initTimeoutMs: number;
}

/** `extensions.code` of a subscribe refused because its connection already runs `maxPerConnection` operations. */
export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

/**
 * `extensions.code` of a subscription ended because its client fell too far behind: more changed entities waited to be
 * sent than the gateway keeps for one subscription. Subscribing again starts from the current state.
 */
const TOO_MANY_PENDING_EVENTS = "TOO_MANY_PENDING_EVENTS";

/** Codes of the WebSocket limits: their messages and `limit` are written for the client. */
const SOCKET_LIMIT_CODES = new Set<unknown>([TOO_MANY_SUBSCRIPTIONS, TOO_MANY_PENDING_EVENTS]);

/** The error sent for one subscription too many on a connection (gateway and subgraphs alike). */
export function tooManySubscriptions(max: number): GraphQLError {
  return new GraphQLError(
    `This connection already runs ${max} subscriptions, the most allowed: complete one first or open another connection`,
    {
      extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: max },
    },
  );
}

/** The error sent for one subscription too many of one account, over all its connections (gateway). */
export function tooManySubscriptionsOfAccount(max: number): GraphQLError {
  return new GraphQLError(`This account already runs ${max} subscriptions, the most allowed: complete one first`, {
    extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: max },
  });
}

/** The error that ends a subscription whose client fell `max` changed entities behind. */
export function tooManyPendingEvents(max: number): GraphQLError {
  return new GraphQLError(
    `More than ${max} changes waited to be sent on this subscription: it has ended; subscribe again for the current state`,
    { extensions: { code: TOO_MANY_PENDING_EVENTS, limit: max } },
  );
}

interface WsServerOptions<C> {
  server: Server;
  schema: GraphQLSchema;
  /** Verifies an internal token for this subgraph (verifyInternalToken with its keys and name). */
  verify(token: string | undefined): Promise<InternalCaller | null>;
  production: boolean;
  log: Logger;
  options: SubscriptionOptions;
  createContext(caller: InternalCaller): C;
}

/**
 * graphql-ws on the subgraph's HTTP server. Trust works as over HTTP, for the gateway only: `connection_init` must
 * carry a valid internal token of the gateway in `connectionParams["x-shop-internal-token"]`, or the socket is closed
 * with 4403. A subscribe message may carry its own internal token in `extensions["x-shop-internal-token"]` — how a
 * gateway multiplexes many viewers over one connection — and then runs as that token's viewer. Every event is resolved with a fresh context (new DataLoaders),
 * as a request would be.
 */
export function serveGraphqlWs<C>(params: WsServerOptions<C>): { close(): Promise<void> } {
  const { log, options } = params;
  const callers = new WeakMap<object, InternalCaller>();
  const { wss, detach } = attachWebSocketServer(params.server, { maxPayload: 1024 * 1024 });

  const documents = createDocumentCache();
  const traces = new WeakMap<ExecutionArgs, TraceContext>();
  const format = createWsErrorFormatter(log, params.production);

  const server = useServer<Record<string, unknown>>(
    {
      schema: params.schema,
      connectionInitWaitTimeout: options.initTimeoutMs,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[INTERNAL_TOKEN_HEADER];
        const caller = await gatewayOf(token);
        if (!caller) return false;
        callers.set(ctx, caller);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const max = options.maxPerConnection;
        if (max !== undefined && Object.keys(ctx.subscriptions).length > max) return [tooManySubscriptions(max)];
        const caller = await callerOfSubscribe(ctx, payload);
        if (!caller) return [unauthenticated("The subscription's internal token is not valid")];
        const { document, errors } = documents(params.schema, payload.query);
        if (errors) return errors;
        if (!getOperationAST(document, payload.operationName)) return [new GraphQLError("Unable to identify the operation to run")];
        const args: ExecutionArgs = {
          schema: params.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: caller,
        };
        // The gateway sends the subscription's trace context in the extensions, beside the internal token. graphql-ws
        // hands these very arguments to `subscribe`.
        traces.set(args, extractTraceContext(payload.extensions));
        return args;
      },
      execute: (args) => execute({ ...args, contextValue: params.createContext(args.contextValue as InternalCaller) }),
      subscribe: (args) =>
        startingSpan(
          `subscribe ${getOperationAST(args.document, args.operationName)?.name?.value ?? "anonymous"}`,
          { kind: SpanKind.SERVER, parent: traces.get(args), attributes: { "graphql.operation.type": "subscription" } },
          () => subscribeWithFreshContexts(args, (caller) => params.createContext(caller)),
        ),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
  );

  async function callerOfSubscribe(ctx: WsContext, payload: SubscribePayload): Promise<InternalCaller | null> {
    const token = payload.extensions?.[INTERNAL_TOKEN_HEADER];
    if (token === undefined) return callers.get(ctx) ?? null;
    return gatewayOf(token);
  }

  /** Only the gateway subscribes (siblings call internal fields over HTTP): any other caller is refused. */
  async function gatewayOf(token: unknown): Promise<InternalCaller | null> {
    const caller = await params.verify(typeof token === "string" ? token : undefined);
    return caller?.service === "gateway" ? caller : null;
  }

  return {
    close: async () => {
      detach();
      await Promise.resolve(server.dispose()).catch((error: unknown) => log.warn({ err: error }, "closing the WebSocket server failed"));
    },
  };
}

/**
 * Formats errors sent over a socket like Apollo formats HTTP ones: parse and validation errors get their codes, the
 * subscription limit passes as is, anything unexpected is logged and (in production) masked.
 */
export function createWsErrorFormatter(log: Logger, production: boolean) {
  const formatError = createErrorFormatter(log, production);
  return (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = error.toJSON();
      if (SOCKET_LIMIT_CODES.has(error.extensions.code)) return formatted;
      if (!error.extensions.code && !error.originalError) {
        const code = error.message.startsWith("Syntax Error") ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED";
        return formatError({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
      }
      return formatError(formatted, error);
    });
}

/**
 * Parses and validates each operation text once per schema (graphql-ws sends the whole text with every subscribe, and
 * thousands of clients send the same few): the document, or the errors to answer with.
 */
export function createDocumentCache(rules: readonly ValidationRule[] = specifiedRules, parseOptions: ParseOptions = {}, max = 500) {
  type Entry = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };
  const caches = new WeakMap<GraphQLSchema, Map<string, Entry>>();
  return (schema: GraphQLSchema, query: string): Entry => {
    let cache = caches.get(schema);
    if (!cache) caches.set(schema, (cache = new Map<string, Entry>()));
    let entry = cache.get(query);
    if (!entry) {
      try {
        const document = parse(query, parseOptions);
        const errors = validate(schema, document, rules);
        entry = errors.length > 0 ? { errors } : { document };
      } catch (error) {
        entry = { errors: [error as GraphQLError] };
      }
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(query, entry);
    }
    return entry;
  };
}

/**
 * graphql-js `subscribe`, except that the source stream and every event get their own context from the verified
 * caller: a context (and its DataLoader caches) never outlives one event.
 */
async function subscribeWithFreshContexts<C>(
  args: ExecutionArgs,
  createContext: (caller: InternalCaller) => C,
): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const caller = args.contextValue as InternalCaller;
  const stream = await createSourceEventStream({ ...args, contextValue: createContext(caller) });
  if (!(Symbol.asyncIterator in stream)) return stream;
  const source = stream[Symbol.asyncIterator]();
  return asyncStream<ExecutionResult>(
    async () => {
      const event = await source.next();
      if (event.done) return event;
      return { done: false, value: await execute({ ...args, rootValue: event.value, contextValue: createContext(caller) }) };
    },
    () => source.return?.(),
  );
}
