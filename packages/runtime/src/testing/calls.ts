import type { Viewer } from "../auth";
import type { ShopConfig } from "../config";
import { INTERNAL_TOKEN_HEADER, signInternalToken } from "../internal-tokens";
import type { SubgraphName } from "../subgraphs";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Calls the subgraph `audience` (listening at `url`) directly as the gateway would, with a signed internal token for `viewer`. */
export async function callSubgraph<T = Record<string, any>>(
  config: ShopConfig,
  audience: SubgraphName,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  viewer: Viewer | null = null,
): Promise<GraphQLResponse<T>> {
  const token = await signInternalToken(config.internalKeys, { service: "gateway", audience, viewer });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
