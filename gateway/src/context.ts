import type { IncomingMessage } from "node:http";
import type { GraphQLError } from "graphql";
import { signInternalToken, viewerFromAuthorization, type ShopConfig, type Viewer } from "@shop/runtime";

/** Per-request gateway context: the verified viewer and, lazily, the one internal token sent to every subgraph. */
export interface GatewayContext {
  viewer: Viewer | null;
  /** Set when the client sent a bad token; the request is refused with it before planning. */
  authError: GraphQLError | null;
  internalToken(): Promise<string>;
}

/**
 * Verifies `Authorization: Bearer <jwt>` once. Nothing else the client sent about identity is trusted: subgraphs
 * only see the viewer inside the internal token signed here.
 */
export async function createGatewayContext(config: ShopConfig, authorization: string | undefined): Promise<GatewayContext> {
  let viewer: Viewer | null = null;
  let authError: GraphQLError | null = null;
  try {
    viewer = await viewerFromAuthorization(config.jwt.secret, authorization);
  } catch (error) {
    authError = error as GraphQLError;
  }
  let token: Promise<string> | undefined;
  return {
    viewer,
    authError,
    internalToken: () => (token ??= signInternalToken(config.internalTokenSecret, { service: "gateway", viewer })),
  };
}

export function authorizationOf(req: IncomingMessage): string | undefined {
  return req.headers.authorization;
}
