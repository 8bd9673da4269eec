import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { unauthenticated } from "./errors";
import { signingKeyOf, type InternalKeys } from "./internal-keys";
import { cryptoKey } from "./internal-tokens";

/** The header in which an anonymous visitor sends back the token of their guest cart (`Cart.guestToken`). */
export const CART_TOKEN_HEADER = "x-cart-token";

/**
 * Guest cart tokens are signed by the cart subgraph with its own Ed25519 key (`CART_INTERNAL_SIGNING_KEY`), so the
 * gateway (which verifies the header) and the user subgraph (which merges a cart at logIn) check them with the public
 * key they already hold, and no service but the cart can mint one: no shared secret to hand out, and production
 * already refuses the development keys. The audience and `typ` keep them apart from internal tokens: a cart token is
 * never accepted as an internal token (its audience is no subgraph) nor the other way round.
 */
const GUEST_CART_TOKEN = { issuer: "cart", audience: "guest-cart", type: "guest-cart+jwt" } as const;
const ALGORITHM = "Ed25519";

/** Signs the token of guest cart `cartId`, valid until `expiresAt` (the cart's last change plus its idle time). */
export async function signGuestCartToken(keys: InternalKeys, cartId: string, expiresAt: Date): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: GUEST_CART_TOKEN.type })
    .setIssuer(GUEST_CART_TOKEN.issuer)
    .setAudience(GUEST_CART_TOKEN.audience)
    .setSubject(cartId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await cryptoKey(signingKeyOf(keys, "cart")));
}

/** The guest cart id a token names, or UNAUTHENTICATED saying whether it was forged or has expired. */
export async function verifyGuestCartToken(keys: InternalKeys, token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, await cryptoKey(keys.publicKeys.cart), {
      algorithms: [ALGORITHM],
      typ: GUEST_CART_TOKEN.type,
      issuer: GUEST_CART_TOKEN.issuer,
      audience: GUEST_CART_TOKEN.audience,
      requiredClaims: ["sub", "exp"],
    });
    return payload.sub!;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthenticated("The cart token has expired (the guest cart was idle too long): drop it and start a new cart");
    }
    if (error instanceof joseErrors.JOSEError) throw unauthenticated("The cart token is not valid: drop it and start a new cart");
    throw error;
  }
}
