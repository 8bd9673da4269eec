import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { GraphQLError, print, type DocumentNode } from "graphql";
import { INTERNAL_TOKEN_HEADER, signInternalToken, type Viewer } from "./auth";

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
 * callee come back as GraphQLErrors with the callee's code, so callers can map NOT_FOUND and friends.
 */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphRequest {
  return async <TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    viewer: Viewer | null = null,
  ) => {
    const token = await signInternalToken(options.internalTokenSecret, { service: options.service, viewer });
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: token },
        body: JSON.stringify({ query: queryOf(document), variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
      });
    } catch (error) {
      // The URL stays in originalError (logged), out of the message a client may see.
      throw new GraphQLError("A backing service did not answer: retry shortly", {
        extensions: { code: "SERVICE_UNAVAILABLE" },
        originalError: error as Error,
      });
    }
    const body = (await response.json().catch(() => ({}))) as { data?: TResult; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    const first = body.errors?.[0];
    if (first) throw new GraphQLError(first.message, { extensions: { ...first.extensions } });
    if (!body.data) throw new GraphQLError(`A backing service answered ${response.status} without data`, { extensions: { code: "SERVICE_UNAVAILABLE" } });
    return body.data;
  };
}
