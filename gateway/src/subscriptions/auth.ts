import { verifyUserToken, type Viewer } from "@shop/runtime";

/** A WebSocket connection's verified identity (null: anonymous), and when its token stops being valid. */
export interface Subscriber {
  viewer: Viewer | null;
  /** Epoch milliseconds of the token's `exp`: the connection is closed then. Infinity for an anonymous connection. */
  expiresAt: number;
}

/**
 * Verifies `connectionParams.authorization = "Bearer <jwt>"` of `connection_init` (the way `Authorization` is verified
 * over HTTP: algorithm pinned, exp/iss/aud checked). No authorization at all is an anonymous connection (live stock
 * is for everyone; each subgraph refuses anonymous subscribers to what needs a viewer); a malformed or invalid one
 * is refused with why.
 */
export async function authenticateConnection(
  secret: string,
  params: Readonly<Record<string, unknown>> | undefined,
): Promise<Subscriber | { refused: string }> {
  const header = params?.authorization ?? params?.Authorization;
  if (header === undefined || header === null || header === "") return { viewer: null, expiresAt: Infinity };
  if (typeof header !== "string" || header.trim() === "") {
    return { refused: 'connectionParams.authorization must be "Bearer <token>"' };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { refused: 'connectionParams.authorization must be "Bearer <token>"' };
  try {
    const { expiresAt, ...viewer } = await verifyUserToken(secret, match[1]!);
    return { viewer, expiresAt };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : "The token is not valid: sign in again" };
  }
}

/**
 * Whether a connection may go on under a token its client sent later (a `ping` carrying
 * `{ authorization: "Bearer <jwt>" }`): the same account with the same role. A token of another account, or with
 * another role, is refused with why: the connection's subscriptions were authorized as the first, so the client
 * reconnects with the new token instead.
 */
export function refreshRefusal(current: Subscriber, next: Subscriber): string | null {
  if (!current.viewer || !next.viewer) return "An anonymous connection cannot sign in: reconnect with the token";
  if (next.viewer.userId !== current.viewer.userId) return "The new token belongs to another account: reconnect with it";
  if (next.viewer.role !== current.viewer.role) return "The account's role changed: reconnect with the new token";
  return null;
}
