import type { InternalCaller } from "./internal-tokens";

type Verify = (token: string | undefined) => Promise<InternalCaller | null>;

/**
 * `verify` with a memory of the tokens it accepted, each until its own `exp`. The gateway signs one internal token per
 * client request with a one-second `iat`, so every anonymous request of a second (and every request of one viewer)
 * brings the same token; verifying it again (an Ed25519 signature check through Web Crypto, ~0.2 ms) for each of them is wasted work. A token is
 * remembered by its whole text, signature included, so only the exact token that verified is let through; refused
 * tokens are never remembered, and concurrent requests with a new token share one verification. At most `capacity`
 * tokens are kept (the oldest go first).
 */
export function rememberVerified(verify: Verify, capacity = 1000, now: () => number = Date.now): Verify {
  const accepted = new Map<string, { caller: Promise<InternalCaller | null>; expiresAt: number }>();
  return async (token) => {
    if (!token) return verify(token);
    const known = accepted.get(token);
    if (known && known.expiresAt > now()) return copy(await known.caller);
    if (known) accepted.delete(token);
    const expiresAt = expiryOf(token);
    const caller = verify(token);
    if (expiresAt === null) return caller;
    if (accepted.size >= capacity) accepted.delete(accepted.keys().next().value!);
    accepted.set(token, { caller, expiresAt });
    try {
      const verified = await caller;
      if (!verified) accepted.delete(token);
      return copy(verified);
    } catch (error) {
      accepted.delete(token);
      throw error;
    }
  };
}

/** Each request gets its own caller object, so no request can change another's. */
function copy(caller: InternalCaller | null): InternalCaller | null {
  return caller && { ...caller, viewer: caller.viewer && { ...caller.viewer } };
}

/** `exp` of a compact JWT in milliseconds, read without trusting it (`verify` decides); null when it has none. */
function expiryOf(token: string): number | null {
  try {
    const exp: unknown = (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown }).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
