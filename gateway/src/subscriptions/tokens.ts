import { signInternalToken, type Viewer } from "@shop/runtime";

/** Internal tokens live 60 s; one is reused for half of that, so it is never within 30 s of expiring when sent. */
const REUSE_MS = 30_000;
const MAX_CACHED = 50_000;

/**
 * Internal tokens for live work, one per viewer at a time: every event of every subscription of a viewer would
 * otherwise sign its own (an HMAC JWT costs a few hundred microseconds), and so would every re-subscribe.
 */
export function createInternalTokens(secret: string): (viewer: Viewer | null) => Promise<string> {
  const cache = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (viewer) => {
    const key = viewer ? `${viewer.role}:${viewer.userId}` : "";
    const cached = cache.get(key);
    const now = Date.now();
    if (cached && now - cached.signedAt < REUSE_MS) return cached.token;
    if (cache.size >= MAX_CACHED) {
      for (const [stale, entry] of cache) if (now - entry.signedAt >= REUSE_MS) cache.delete(stale);
      if (cache.size >= MAX_CACHED) cache.clear();
    }
    const token = signInternalToken(secret, { service: "gateway", viewer });
    cache.set(key, { token, signedAt: now });
    token.catch(() => cache.get(key)?.token === token && cache.delete(key));
    return token;
  };
}
