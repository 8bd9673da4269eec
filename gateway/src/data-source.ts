import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import {
  CLIENT_IP_HEADER,
  INTERNAL_TOKEN_HEADER,
  internalCallFailed,
  postToSubgraph,
  requestTimedOut,
  type InternalTokenIssuer,
  type Logger,
  type SubgraphAnswer,
  type SubgraphName,
  type Viewer,
} from "@shop/runtime";
import type { GatewayContext } from "./context";
import { restrictByCacheControl, type CachePolicy } from "./cache-policy";
import { untilDeadline } from "./request-deadline";

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

/** An identical fetch several operations wait on; `waiting` counts those still waiting. */
interface SharedFetch {
  answer: Promise<SubgraphAnswer>;
  waiting: number;
  abandon: AbortController;
}

export interface SubgraphSourceOptions {
  /** The subgraph's name, for logs and as the audience of its internal tokens. */
  name: SubgraphName;
  /** Its GraphQL endpoint. */
  url: string;
  timeoutMs: number;
  /** Internal tokens of the gateway, reused per subgraph and viewer. */
  issue: InternalTokenIssuer;
  /** Share identical in-flight queries (SUBGRAPH_DEDUPLICATION_ENABLED). */
  sharing: boolean;
  log: Logger;
}

/**
 * How the gateway fetches from one subgraph: over the process's keep-alive pool, with the internal token of the
 * operation's viewer and the client's address as the gateway resolved it (client headers are never forwarded, so a
 * client can pose neither as a user, nor as the gateway, nor as another address), within SUBGRAPH_TIMEOUT_MS.
 *
 * Identical queries in flight at the same moment share one fetch. The sharing key is everything the subgraph's answer
 * can depend on: the subgraph, the viewer the token names (anonymous shares only with anonymous, a customer only with
 * that customer, a guest only with requests of the same guest cart), the cache epoch the operation saw, and the request body (query, variables, operation name).
 * Mutations are never shared. Each sharer parses the answer itself, so no two operations hold the same objects.
 *
 * A call that fails as a whole reaches the client as a clean SERVICE_UNAVAILABLE or INTERNAL_SERVER_ERROR
 * (`internalCallFailed`), naming no URL. Errors a subgraph answers in a 200 body are not failures here: the gateway
 * merges them with their message, code and path.
 */
export class SubgraphSource implements GraphQLDataSource<GatewayContext> {
  private readonly inFlight = new Map<string, SharedFetch>();

  constructor(private readonly options: SubgraphSourceOptions) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { query, variables, operationName } = options.request;
    if (!query) throw new Error("The query planner sent a fetch without a query");
    // A client's operation, or the gateway's own call (a health check) that acts for nobody.
    const operation = "incomingRequestContext" in options ? options : undefined;
    const viewer = operation?.context.viewer ?? null;
    const guestCartId = operation?.context.guestCartId ?? null;
    const clientIp = operation?.context.clientIp ?? null;
    const body = JSON.stringify({ query, variables, operationName });
    // The client's address is not part of the sharing key: only mutations (logIn, signUp, checkout) are limited by it,
    // and mutations are never shared.
    const key =
      this.options.sharing && isQuery(query) ? sharingKey(viewer, guestCartId, operation?.context.cache.epoch ?? null, body) : undefined;
    // Past the request's deadline nothing more is fetched for it; a shared fetch runs on for its other sharers.
    const deadline = operation?.context.deadline;
    if (deadline?.aborted) throw requestTimedOut();
    const answer = await (key
      ? this.shared(key, (abandon) => this.fetch(body, viewer, guestCartId, clientIp, abandon), deadline)
      : this.fetch(body, viewer, guestCartId, clientIp, deadline));

    if (operation) {
      restrictByCacheControl(operation.incomingRequestContext.overallCachePolicy as CachePolicy, answer.cacheControl);
      for (const tag of answer.cacheTags?.split(" ") ?? []) if (tag) operation.context.cache.tags.add(tag);
    }
    const result = parseObject(answer.text);
    if (!result)
      this.fail(
        internalCallFailed(answer.status, new Error(`answered a body that is not a GraphQL response: ${answer.text.slice(0, 500)}`)),
      );
    return result;
  }

  /**
   * Joins the identical fetch in flight, or starts it. A sharer whose deadline passes stops waiting at once; the fetch
   * itself is abandoned only when every sharer has left that way, so no request's deadline cuts another's answer.
   */
  private shared(key: string, fetch: (abandon: AbortSignal) => Promise<SubgraphAnswer>, deadline?: AbortSignal): Promise<SubgraphAnswer> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      const abandon = new AbortController();
      const started: SharedFetch = { waiting: 0, abandon, answer: fetch(abandon.signal) };
      void started.answer.then(
        () => this.forget(key, started),
        () => this.forget(key, started),
      );
      this.inFlight.set(key, started);
      pending = started;
    }
    const joined = pending;
    joined.waiting += 1;
    return untilDeadline(joined.answer, deadline).finally(() => {
      joined.waiting -= 1;
      if (joined.waiting === 0 && deadline?.aborted) {
        this.forget(key, joined);
        joined.abandon.abort();
      }
    });
  }

  private forget(key: string, fetch: SharedFetch) {
    if (this.inFlight.get(key) === fetch) this.inFlight.delete(key);
  }

  /** One fetch; `abandon` aborting (the deadline of the request, or of every sharer) ends it with REQUEST_TIMEOUT. */
  private async fetch(
    body: string,
    viewer: Viewer | null,
    guestCartId: string | null,
    clientIp: string | null,
    abandon?: AbortSignal,
  ): Promise<SubgraphAnswer> {
    const { url, timeoutMs, issue } = this.options;
    // Headers are built here from what the gateway verified or resolved itself, never copied from the client's request:
    // a client's own x-shop-client-ip (or internal token) never reaches a subgraph.
    const headers: Record<string, string> = { [INTERNAL_TOKEN_HEADER]: await issue(this.options.name, viewer, guestCartId) };
    if (clientIp) headers[CLIENT_IP_HEADER] = clientIp;
    const answer = await postToSubgraph(url, body, headers, timeoutMs, this.options.name, abandon).catch((error: unknown) => {
      if (abandon?.aborted) throw requestTimedOut();
      return this.fail(internalCallFailed(undefined, error as Error));
    });
    // Subgraphs answer every operation they executed with 200: anything else refused the call itself.
    if (answer.status !== 200)
      this.fail(internalCallFailed(answer.status, new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 1000)}`)));
    return answer;
  }

  /** Logs a failed call with the subgraph's URL (never sent to the client) and throws its clean error. */
  private fail(error: GraphQLError): never {
    this.options.log.warn(
      { subgraph: this.options.name, url: this.options.url, err: error.originalError ?? error },
      "subgraph call failed",
    );
    throw error;
  }
}

/** The query planner writes every fetch as `query …` or `mutation …` (or a bare selection, a query). */
function isQuery(query: string): boolean {
  return /^\s*(query\b|\{)/.test(query);
}

function sharingKey(viewer: Viewer | null, guestCartId: string | null, epoch: string | null, body: string): string {
  const who = viewer ? `${viewer.role}:${viewer.userId}` : guestCartId ? `guest:${guestCartId}` : "anonymous";
  return `${who}\n${epoch ?? ""}\n${body}`;
}

function parseObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
