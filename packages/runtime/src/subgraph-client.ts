import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { GraphQLError, print, type DocumentNode } from "graphql";
import type { Viewer } from "./auth";
import { internalCallFailed } from "./errors";
import type { InternalKeys, InternalService } from "./internal-keys";
import { createInternalTokenIssuer, type InternalTokenIssuer } from "./internal-token-issuer";
import { INTERNAL_TOKEN_HEADER } from "./internal-tokens";
import { postToSubgraph } from "./subgraph-http";
import type { SubgraphName } from "./subgraphs";

export interface SubgraphClientOptions {
  /** GraphQL endpoint of the sibling subgraph. */
  url: string;
  /** The subgraph at `url`: the only one the internal token is good for, and the callee in the fetch metrics. */
  audience: SubgraphName;
  /** The calling service, whose key signs the internal token. */
  service: InternalService;
  internalKeys: InternalKeys;
  /** Abort the call after this many milliseconds (SUBGRAPH_TIMEOUT_MS; default 5000). */
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

// One issuer per (key set, calling service), shared by every client of that caller, so tokens are reused across them.
const issuers = new WeakMap<InternalKeys, Map<InternalService, InternalTokenIssuer>>();
function issuerFor(keys: InternalKeys, service: InternalService): InternalTokenIssuer {
  let ofKeys = issuers.get(keys);
  if (!ofKeys) issuers.set(keys, (ofKeys = new Map<InternalService, InternalTokenIssuer>()));
  let issuer = ofKeys.get(service);
  if (!issuer) ofKeys.set(service, (issuer = createInternalTokenIssuer(keys, service)));
  return issuer;
}

/**
 * Calls a sibling subgraph's internal (@inaccessible) fields directly, with a service credential. Errors of the
 * callee come back as GraphQLErrors with the callee's code, so callers can map NOT_FOUND and friends. A call that
 * fails as a whole (no answer, non-2xx) is SERVICE_UNAVAILABLE or INTERNAL (`internalCallFailed`): the callee's URL and
 * raw answer go to the log through originalError, never into a message. Calls share the process's keep-alive pool
 * (`postToSubgraph`) and reuse internal tokens per viewer (`createInternalTokenIssuer`).
 */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphRequest {
  const issue = issuerFor(options.internalKeys, options.service);
  return async <TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    viewer: Viewer | null = null,
  ) => {
    const body = JSON.stringify({ query: queryOf(document), variables });
    const answer = await postToSubgraph(
      options.url,
      body,
      { [INTERNAL_TOKEN_HEADER]: await issue(options.audience, viewer) },
      options.timeoutMs ?? 5000,
      options.audience,
    ).catch((error: unknown) => {
      throw internalCallFailed(undefined, error as Error);
    });
    const { status, text } = answer;
    // A non-2xx answer refused the call itself (the callee's errors then describe our request, not the client's).
    if (status < 200 || status > 299)
      throw internalCallFailed(status, new Error(`${options.url} answered HTTP ${status}: ${text.slice(0, 500)}`));
    const result = parseJson(text) as { data?: TResult; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    const first = result.errors?.[0];
    if (first) throw new GraphQLError(first.message, { extensions: { ...first.extensions } });
    if (!result.data) throw internalCallFailed(status, new Error(`${options.url} answered without data: ${text.slice(0, 500)}`));
    return result.data;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
