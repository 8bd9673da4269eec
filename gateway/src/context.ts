import type { OperationTypeNode } from "graphql";
import { verifyGuestCartToken, viewerFromAuthorization, type ShopConfig, type Viewer } from "@shop/runtime";
import { refuseRequest } from "./http-status";

/** Per-operation gateway context: who asks, and what the response cache needs to know about the answer. */
export interface GatewayContext {
  viewer: Viewer | null;
  /**
   * An anonymous client's guest cart, from the `x-cart-token` verified here (./context `guestCartOfRequest`); signed
   * into the internal token for every subgraph, so only a cart token the cart subgraph signed ever names a cart.
   */
  guestCartId?: string;
  /**
   * The client's address (the socket's, or X-Forwarded-For through TRUSTED_PROXIES), told to subgraphs for their per-IP
   * limits; null where an operation runs for nobody in particular (a subscription's per-event query).
   */
  clientIp: string | null;
  /**
   * Aborts when the client request's deadline passes (GATEWAY_REQUEST_TIMEOUT_MS): its subgraph fetches stop and
   * fail with REQUEST_TIMEOUT (./request-deadline). Absent where no client waits on an HTTP answer (subscriptions).
   */
  deadline?: AbortSignal;
  /** An object, not fields: Apollo Server hands plugins a shallow copy of the context, and this must be shared. */
  cache: AnswerCacheState;
}

/** What the response cache learns about one operation while it runs. */
interface AnswerCacheState {
  /**
   * The catalogue cache's invalidation epoch read when the request arrived (./response-cache), or null when the cache
   * is off or unreachable. Subgraph fetches are only shared between operations that saw the same epoch, so an
   * operation that starts after an invalidation never joins a fetch that may have read the old data.
   */
  epoch: string | null;
  /** Catalogue entities the answer depends on, as the subgraphs reported them (`x-shop-cache-tags`). */
  tags: Set<string>;
  /** Set once Apollo resolved the operation: only a query's answer may be cached. */
  operationType?: OperationTypeNode;
}

/**
 * Verifies `Authorization: Bearer <jwt>` once; a bad token throws UNAUTHENTICATED (HTTP 401) before any planning.
 * Nothing else the client sent about identity is trusted: subgraphs only see the viewer inside the internal token
 * the gateway signs for it (./data-source).
 */
export async function viewerOfRequest(config: ShopConfig, authorization: string | undefined): Promise<Viewer | null> {
  return viewerFromAuthorization(config.jwt.secret, authorization).catch((error: unknown) => {
    throw refuseRequest(error);
  });
}

/**
 * Verifies an anonymous client's `x-cart-token` (signed by the cart subgraph, checked here with its public key); a
 * forged or expired one throws UNAUTHENTICATED (HTTP 401) like a bad bearer token, so it never reaches a subgraph.
 * The gateway verifies rather than forwarding the raw token so that, as for the viewer, subgraphs only ever see an
 * identity inside the internal token it signs. A signed-in viewer uses their account's cart: the header is ignored
 * (the client merges the guest cart at logIn or signUp and drops it).
 */
export async function guestCartOfRequest(
  config: ShopConfig,
  viewer: Viewer | null,
  cartToken: string | undefined,
): Promise<string | undefined> {
  if (viewer || !cartToken) return undefined;
  return verifyGuestCartToken(config.internalKeys, cartToken).catch((error: unknown) => {
    throw refuseRequest(error);
  });
}

/** The context of one operation run for an already verified viewer, from `clientIp`. */
export function contextForViewer(
  viewer: Viewer | null,
  clientIp: string | null,
  cacheEpoch: string | null = null,
  deadline?: AbortSignal,
): GatewayContext {
  return { viewer, clientIp, cache: { epoch: cacheEpoch, tags: new Set() }, ...(deadline && { deadline }) };
}
