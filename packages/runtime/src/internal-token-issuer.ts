import type { Viewer } from "./auth";
import { signingKeyOf, type InternalKeys, type InternalService } from "./internal-keys";
import { INTERNAL_TOKEN_TTL_SECONDS, signInternalToken } from "./internal-tokens";
import type { SubgraphName } from "./subgraphs";

/**
 * How long a signed internal token is handed out again: 45 of its 60 seconds. Whoever sends it therefore has at least
 * 15 s before it expires, more than any subgraph fetch may take (SUBGRAPH_TIMEOUT_MS is capped below that).
 */
export const INTERNAL_TOKEN_REUSE_MS = (INTERNAL_TOKEN_TTL_SECONDS - 15) * 1000;

/** (Audience, viewer) tokens remembered at most; past it, those older than the reuse window are dropped, then the oldest. */
const MAX_REMEMBERED_VIEWERS = 10_000;

/**
 * Signs (or hands out again) the internal token of one caller for a subgraph (its audience) and a viewer, or (gateway,
 * anonymous clients) the guest cart its client's verified cart token names.
 */
export type InternalTokenIssuer = (audience: SubgraphName, viewer: Viewer | null, guestCartId?: string | null) => Promise<string>;

/**
 * Reuses each (audience, viewer) token of a service for most of its lifetime instead of signing one per request:
 * signing was ~5% of the gateway's CPU under load. A reused token is the very token that would be signed now — same
 * service, same subgraph, same viewer and role — so it allows nothing more; it only expires a little sooner. Throws
 * at once when `service` has no signing key, so a misconfigured service stops at start, not at its first call.
 */
export function createInternalTokenIssuer(keys: InternalKeys, service: InternalService, now: () => number = Date.now): InternalTokenIssuer {
  signingKeyOf(keys, service);
  const issued = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (audience, viewer, guestCartId) => {
    const key = viewer ? `${audience}:${viewer.role}:${viewer.userId}` : guestCartId ? `${audience}:guest:${guestCartId}` : audience;
    const at = now();
    const known = issued.get(key);
    if (known && at - known.signedAt < INTERNAL_TOKEN_REUSE_MS) return known.token;
    const token = signInternalToken(keys, { service, audience, viewer, guestCartId });
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
