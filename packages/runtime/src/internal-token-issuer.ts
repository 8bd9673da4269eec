import { INTERNAL_TOKEN_TTL_SECONDS, signInternalToken, type Viewer } from "./auth";

/**
 * How long a signed internal token is handed out again: 45 of its 60 seconds. Whoever sends it therefore has at least
 * 15 s before it expires, more than any subgraph fetch may take (SUBGRAPH_TIMEOUT_MS is capped below that).
 */
export const INTERNAL_TOKEN_REUSE_MS = (INTERNAL_TOKEN_TTL_SECONDS - 15) * 1000;

/** Viewers remembered at most; past it, tokens older than the reuse window are dropped, then the oldest. */
const MAX_REMEMBERED_VIEWERS = 10_000;

/** Signs (or hands out again) the internal token of one caller for a viewer. */
export type InternalTokenIssuer = (viewer: Viewer | null) => Promise<string>;

/**
 * Reuses each (caller, viewer) token for most of its lifetime instead of signing one per request: signing was ~5% of
 * the gateway's CPU under load. A reused token is the very token that would be signed now — same service, same
 * viewer and role — so it allows nothing more; it only expires a little sooner.
 */
export function createInternalTokenIssuer(secret: string, service: string, now: () => number = Date.now): InternalTokenIssuer {
  const issued = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (viewer) => {
    const key = viewer ? `${viewer.role}:${viewer.userId}` : "";
    const at = now();
    const known = issued.get(key);
    if (known && at - known.signedAt < INTERNAL_TOKEN_REUSE_MS) return known.token;
    const token = signInternalToken(secret, { service, viewer });
    // A refused sign (never expected) must not be handed out again.
    token.catch(() => issued.delete(key));
    issued.delete(key);
    issued.set(key, { token, signedAt: at });
    if (issued.size > MAX_REMEMBERED_VIEWERS) forgetOldest(issued, at);
    return token;
  };
}

function forgetOldest(issued: Map<string, { signedAt: number }>, at: number) {
  for (const [key, { signedAt }] of issued) if (at - signedAt >= INTERNAL_TOKEN_REUSE_MS) issued.delete(key);
  // Map order is insertion order: the first entries are the oldest signed.
  for (const key of issued.keys()) {
    if (issued.size <= MAX_REMEMBERED_VIEWERS) break;
    issued.delete(key);
  }
}
