import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { ShopConfig } from "./config";
import { signingKeyOf, type InternalService } from "./internal-keys";
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
 * How a subgraph (or a worker) calls its siblings' internal fields: signed with `service`'s own key for the callee alone, at the
 * callee's URL as configured at the moment of the call (a test stack points a name at a subgraph it starts after this
 * one), within SUBGRAPH_TIMEOUT_MS. Throws at once when `service` has no signing key.
 */
export function createSiblingCaller(
  config: Pick<ShopConfig, "subgraphs" | "internalKeys" | "subgraphTimeoutMs">,
  service: Exclude<InternalService, "gateway">,
): SiblingCall {
  signingKeyOf(config.internalKeys, service);
  return (callee, document, variables) =>
    createSubgraphClient({
      url: config.subgraphs[callee].url,
      audience: callee,
      service,
      internalKeys: config.internalKeys,
      timeoutMs: config.subgraphTimeoutMs,
    })(document, variables);
}
