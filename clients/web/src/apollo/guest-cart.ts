import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/** The header a signed-out visitor's guest cart token travels in (README "Guest carts"). */
export const CART_TOKEN_HEADER = "x-cart-token";

/** The `guestToken` of whichever cart a mutation answered (every cart mutation answers the whole cart), if any. */
export function guestTokenOf(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  for (const value of Object.values(data)) {
    const token = (value as { guestToken?: unknown } | null)?.guestToken;
    if (typeof token === "string" && token) return token;
  }
  return null;
}

/**
 * Whether the request was refused for its credentials as a whole: HTTP 401, or UNAUTHENTICATED with no data at all
 * (the gateway's refusal of a forged or expired token; a cart mutation with the token of a cart merged or deleted
 * since). A field that merely needs an account leaves the rest of the answer, so it does not count.
 */
export function isRefusedToken(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return (
    CombinedGraphQLErrors.is(error) && error.data == null && error.errors.some((entry) => entry.extensions?.code === "UNAUTHENTICATED")
  );
}

/**
 * The variables with a refused guest token taken out wherever logIn and signUp carry it (`guestCartToken`, or
 * `input.guestCartToken`), so a sign-in retried after the refusal goes through and simply merges nothing.
 */
export function withoutGuestToken(variables: Record<string, unknown>, token: string): Record<string, unknown> {
  const kept = { ...variables };
  if (kept.guestCartToken === token) delete kept.guestCartToken;
  const input = kept.input as Record<string, unknown> | null | undefined;
  if (input && typeof input === "object" && input.guestCartToken === token) {
    const { guestCartToken: _, ...rest } = input;
    kept.input = rest;
  }
  return kept;
}
