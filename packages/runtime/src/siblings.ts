import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { ShopConfig } from "./config";
import type { SubgraphName } from "./subgraphs";
import { createSubgraphClient } from "./subgraph-client";

export type { TypedDocumentNode };

/** One call to a sibling subgraph with a generated operation document; result and variables typed by it. */
export type SiblingCall = <TResult, TVariables extends Record<string, unknown>>(
  callee: SubgraphName,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
) => Promise<TResult>;

/**
 * How a subgraph calls its siblings' internal fields: signed as `service`, at the callee's URL as configured at the
 * moment of the call (a test stack points a name at a subgraph it starts after this one), within SUBGRAPH_TIMEOUT_MS.
 */
export function createSiblingCaller(
  config: Pick<ShopConfig, "subgraphs" | "internalTokenSecret" | "subgraphTimeoutMs">,
  service: SubgraphName,
): SiblingCall {
  return (callee, document, variables) =>
    createSubgraphClient({
      url: config.subgraphs[callee].url,
      name: callee,
      service,
      internalTokenSecret: config.internalTokenSecret,
      timeoutMs: config.subgraphTimeoutMs,
    })(document, variables);
}
