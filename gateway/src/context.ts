import { signInternalToken, viewerFromAuthorization, type ShopConfig, type Viewer } from "@shop/runtime";

/** Per-request gateway context: the verified viewer and, lazily, the one internal token sent to every subgraph. */
export interface GatewayContext {
  viewer: Viewer | null;
  internalToken(): Promise<string>;
}

/**
 * Verifies `Authorization: Bearer <jwt>` once; a bad token throws UNAUTHENTICATED (HTTP 401) before any planning.
 * Nothing else the client sent about identity is trusted: subgraphs only see the viewer inside the internal token
 * signed here.
 */
export async function createGatewayContext(config: ShopConfig, authorization: string | undefined): Promise<GatewayContext> {
  const viewer = await viewerFromAuthorization(config.jwt.secret, authorization);
  let token: Promise<string> | undefined;
  return {
    viewer,
    internalToken: () => (token ??= signInternalToken(config.internalTokenSecret, { service: "gateway", viewer })),
  };
}
