import { INTERNAL_TOKEN_HEADER, signInternalToken, type Viewer } from "../auth";
import type { ShopConfig } from "../config";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Calls a subgraph directly as the gateway would, with a signed internal token for `viewer`. */
export async function callSubgraph<T = Record<string, any>>(
  config: ShopConfig,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  viewer: Viewer | null = null,
): Promise<GraphQLResponse<T>> {
  const token = await signInternalToken(config.internalTokenSecret, { service: "gateway", viewer });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
