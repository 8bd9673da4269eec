import { signInternalToken, viewerFromAuthorization, type ShopConfig, type Viewer } from "@shop/runtime";
import { refuseRequest } from "./http-status";

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
  const viewer = await viewerFromAuthorization(config.jwt.secret, authorization).catch((error: unknown) => {
    throw refuseRequest(error);
  });
  return contextForViewer(config, viewer);
}

/**
 * The context of one operation run for an already verified viewer (a subscription event runs as its subscriber).
 * Build one per operation: its internal token lives 60 s. `sign` may hand out a recently signed token instead.
 */
export function contextForViewer(
  config: ShopConfig,
  viewer: Viewer | null,
  sign?: (viewer: Viewer | null) => Promise<string>,
): GatewayContext {
  let token: Promise<string> | undefined;
  return {
    viewer,
    internalToken: () => (token ??= sign ? sign(viewer) : signInternalToken(config.internalTokenSecret, { service: "gateway", viewer })),
  };
}
