/** What the database holds about a presented refresh token. */
export interface StoredRefreshToken {
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Why a presented refresh token cannot be exchanged. `reused`: it was exchanged before, so someone else holds it or
 * its successor (a stolen copy, or a client that refreshed twice with one token): its whole family is revoked.
 */
export type RefreshRefusal = { reason: "unknown" | "revoked" | "reused" | "expired"; message: string };

const MESSAGES: Record<RefreshRefusal["reason"], string> = {
  unknown: "The refresh token is not valid: sign in again",
  revoked: "The refresh token has been revoked (signed out, or the password or role changed): sign in again",
  reused:
    "The refresh token was already exchanged for a new one. Using it twice suggests a stolen copy, so every token of this session is now revoked: sign in again",
  expired: "The refresh token has expired: sign in again",
};

/**
 * Null when `stored` may be exchanged at `now`. A revoked token is refused as revoked first (a family revoked for
 * reuse stays revoked); a rotated one is reuse even once it has expired, since its session may still be live.
 */
export function refreshRefusal(stored: StoredRefreshToken | undefined, now: Date): RefreshRefusal | null {
  const reason = !stored
    ? "unknown"
    : stored.revokedAt
      ? "revoked"
      : stored.rotatedAt
        ? "reused"
        : stored.expiresAt.getTime() <= now.getTime()
          ? "expired"
          : null;
  return reason && { reason, message: MESSAGES[reason] };
}
