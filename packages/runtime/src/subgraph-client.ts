import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { GraphQLError, print, type DocumentNode } from "graphql";
import { INTERNAL_TOKEN_HEADER, signInternalToken, type Viewer } from "./auth";
import { internalCallFailed } from "./errors";

export interface SubgraphClientOptions {
  /** GraphQL endpoint of the sibling subgraph. */
  url: string;
  /** The calling service's name, carried in the internal token. */
  service: string;
  internalTokenSecret: string;
  /** Abort the call after this many milliseconds (default 2000). */
  timeoutMs?: number;
}

/** A call with a generated operation document: its variables and its result are typed by the document. */
export type SubgraphRequest = <TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  viewer?: Viewer | null,
) => Promise<TResult>;

// Documents are module constants (generated), so each is printed once and the map never outgrows them.
const printed = new WeakMap<DocumentNode, string>();
function queryOf(document: DocumentNode): string {
  let query = printed.get(document);
  if (query === undefined) printed.set(document, (query = print(document)));
  return query;
}

/**
 * Calls a sibling subgraph's internal (@inaccessible) fields directly, with a service credential. Errors of the
 * callee come back as GraphQLErrors with the callee's code, so callers can map NOT_FOUND and friends. A call that
 * fails as a whole (no answer, non-2xx) is SERVICE_UNAVAILABLE or INTERNAL (`internalCallFailed`): the callee's URL and
 * raw answer go to the log through originalError, never into a message.
 */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphRequest {
  return async <TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    viewer: Viewer | null = null,
  ) => {
    const token = await signInternalToken(options.internalTokenSecret, { service: options.service, viewer });
    let response: Response;
    let text: string;
    try {
      response = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: token },
        body: JSON.stringify({ query: queryOf(document), variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
      });
      text = await response.text();
    } catch (error) {
      throw internalCallFailed(undefined, new Error(`${options.url} did not answer`, { cause: error }));
    }
    // A non-2xx answer refused the call itself (the callee's errors then describe our request, not the client's).
    if (!response.ok)
      throw internalCallFailed(response.status, new Error(`${options.url} answered HTTP ${response.status}: ${text.slice(0, 500)}`));
    const body = parseJson(text) as { data?: TResult; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    const first = body.errors?.[0];
    if (first) throw new GraphQLError(first.message, { extensions: { ...first.extensions } });
    if (!body.data) throw internalCallFailed(response.status, new Error(`${options.url} answered without data: ${text.slice(0, 500)}`));
    return body.data;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
