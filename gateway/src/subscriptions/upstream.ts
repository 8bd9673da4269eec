import type { GraphQLFormattedError } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { clientError, injectTraceContext, INTERNAL_TOKEN_HEADER, type Logger, type Viewer } from "@shop/runtime";
import type { Resume } from "./plan";

/** What an upstream subscription reports to the client subscription it serves. */
export interface UpstreamSink {
  /** One event: the root field's value (`{ __typename, <key>, <version> }`) or errors the subgraph sent with it. */
  next(value: Record<string, unknown> | null, errors?: readonly GraphQLFormattedError[]): void;
  /** The subgraph refused or ended the subscription with errors (e.g. FORBIDDEN): the client's subscription ends. */
  error(errors: readonly GraphQLFormattedError[]): void;
  /** The subgraph completed the stream. */
  complete(): void;
}

type Event = { value: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] };

interface Shared {
  sinks: Set<UpstreamSink>;
  /**
   * The last value the subgraph sent per entity (a stream may follow several, like `stockChanged(productIds:)`):
   * replayed to a follower joining later when the field starts with the state.
   */
  last: Map<string | null, Event>;
  stop(): void;
}

/**
 * One multiplexed graphql-ws connection from this gateway to a subgraph. The connection proves it is the gateway
 * (internal token in `connectionParams`); each subscription carries an internal token with its viewer in
 * `extensions`, at least 15 s from expiry on every (re)subscribe (reused per viewer, see createInternalTokenIssuer). Identical subscriptions (same operation, variables and viewer —
 * one account open on many devices) share one upstream subscription. When the connection drops, every subscription
 * re-subscribes with backoff; a subgraph re-sends the current state on subscribe, so nothing a client sees stays stale.
 */
export class Upstream {
  private readonly client: Client;
  private readonly shared = new Map<string, Shared>();

  constructor(
    url: string,
    /** Internal tokens by viewer (null: the gateway itself). */
    private readonly tokens: (viewer: Viewer | null) => Promise<string>,
    private readonly log: Logger,
  ) {
    this.client = createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 5000,
      keepAlive: 10_000,
      // Reconnecting is ours (below): the client's own retry would re-send tokens that may have expired.
      retryAttempts: 0,
      connectionParams: async () => ({ [INTERNAL_TOKEN_HEADER]: await tokens(null) }),
      on: { closed: (event) => log.debug({ url, code: (event as { code?: number }).code }, "upstream subscription connection closed") },
    });
  }

  /**
   * Follows `query` on the subgraph as `viewer` until the returned function is called or the sink is ended.
   * `replayLast` (fields that start with the current state, like `orderUpdated`): a follower joining a shared
   * subscription first gets its last value of every entity, told apart by the key this function reads. `resume`:
   * after a lost connection, re-subscribe from the newest version seen.
   */
  follow(
    query: string,
    variables: Record<string, unknown>,
    fieldName: string,
    viewer: Viewer | null,
    sink: UpstreamSink,
    replayLast?: (value: Record<string, unknown> | null) => string | null,
    resume?: Resume,
  ): () => void {
    const key = `${viewer ? `${viewer.role}:${viewer.userId}` : "anonymous"}\n${JSON.stringify(variables)}\n${query}`;
    let shared = this.shared.get(key);
    if (!shared) {
      const sinks = new Set<UpstreamSink>();
      const created: Shared = { sinks, last: new Map(), stop: () => undefined };
      const end = () => this.shared.get(key) === created && this.shared.delete(key);
      created.stop = this.open(query, variables, fieldName, viewer, resume, {
        next: (value, errors) => {
          if (replayLast) {
            const entity = replayLast(value);
            created.last.delete(entity);
            created.last.set(entity, { value, errors });
          }
          for (const each of sinks) each.next(value, errors);
        },
        error: (errors) => (end(), sinks.forEach((each) => each.error(errors))),
        complete: () => (end(), sinks.forEach((each) => each.complete())),
      });
      this.shared.set(key, (shared = created));
    } else if (replayLast && shared.last.size > 0) {
      const replay = [...shared.last.values()];
      queueMicrotask(() => replay.forEach(({ value, errors }) => sink.next(value, errors)));
    }
    const joined = shared;
    joined.sinks.add(sink);
    return () => {
      if (!joined.sinks.delete(sink) || joined.sinks.size > 0) return;
      joined.stop();
      if (this.shared.get(key) === joined) this.shared.delete(key);
    };
  }

  /** Upstream subscriptions open now (each may serve several clients). */
  get size(): number {
    return this.shared.size;
  }

  private open(
    query: string,
    variables: Record<string, unknown>,
    fieldName: string,
    viewer: Viewer | null,
    resume: Resume | undefined,
    sink: UpstreamSink,
  ): () => void {
    let active = true;
    let dispose: (() => void) | undefined;
    let failures = 0;
    // The newest version delivered (ISO instants compare as strings): where a re-subscription resumes. It starts a
    // second before the first subscribe, so changes made before any was delivered are replayed too (a repeat of a
    // state the client may have is harmless; a gap is not).
    let newest: string | null = resume ? new Date(Date.now() - 1000).toISOString() : null;
    const run = async () => {
      while (active) {
        const token = await this.tokens(viewer);
        if (!active) return;
        const outcome = await new Promise<{ errors?: readonly GraphQLFormattedError[]; lost?: unknown; complete?: true }>((resolve) => {
          dispose = this.client.subscribe<Record<string, Record<string, unknown> | null>>(
            {
              query,
              variables: resume && newest ? { ...variables, [resume.variable]: newest } : variables,
              // The trace the subscription started in goes with it, as a traceparent in an HTTP call's headers.
              extensions: injectTraceContext({ [INTERNAL_TOKEN_HEADER]: token }),
            },
            {
              next: (result) => {
                failures = 0;
                const value = result.data?.[fieldName] ?? null;
                const version = resume ? value?.[resume.versionField] : undefined;
                if (typeof version === "string" && (newest === null || version > newest)) newest = version;
                sink.next(value, result.errors && relayed(result.errors));
              },
              error: (error) => resolve(Array.isArray(error) ? { errors: relayed(error as GraphQLFormattedError[]) } : { lost: error }),
              complete: () => resolve({ complete: true }),
            },
          );
        });
        dispose = undefined;
        if (!active) return;
        if (outcome.complete) return sink.complete();
        // A refused token after a reconnect was signed before the break: sign again once; any other refusal is final,
        // and so is UNAUTHENTICATED for an anonymous subscriber (its token carries no viewer to have expired).
        const staleToken =
          viewer !== null && outcome.errors?.every((error) => error.extensions?.code === "UNAUTHENTICATED") && failures === 0;
        if (outcome.errors && !staleToken) return sink.error(outcome.errors);
        failures++;
        if (outcome.lost) this.log.warn({ err: outcome.lost, failures }, "upstream subscription lost; re-subscribing");
        await sleep(Math.min(5000, 100 * 2 ** failures) * (0.5 + Math.random() / 2));
      }
    };
    run().catch((error: unknown) => {
      this.log.error({ err: error }, "upstream subscription failed");
      if (active) sink.error([{ message: "The live update stream failed", extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
    });
    return () => {
      active = false;
      dispose?.();
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/**
 * Errors a subgraph sent over the socket, as a client may see them: cleaned again (the gateway trusts no subgraph to
 * have done it), without `locations`, which point into the gateway's upstream query rather than the client's document.
 */
function relayed(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  return errors.map(({ locations: _upstreamQuery, ...error }) => clientError(error));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
