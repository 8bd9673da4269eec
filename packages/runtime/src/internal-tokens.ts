import { SignJWT, importJWK, jwtVerify, type CryptoKey, type FlattenedJWSInput } from "jose";
import type { Viewer } from "./auth";
import { signingKeyOf, type Ed25519Jwk, type InternalKeys, type InternalService } from "./internal-keys";
import type { SubgraphName } from "./subgraphs";

/** Header carrying the gateway's (or a sibling subgraph's) proof and the verified viewer to a subgraph. */
export const INTERNAL_TOKEN_HEADER = "x-shop-internal-token";

/** Lifetime of an internal token: short, because it is a bearer credential inside the stack. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

const ALGORITHM = "Ed25519";
/** Services on different machines disagree a little about the time; a token is not refused for that. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** Who is calling a subgraph: the gateway on a client's behalf, or a sibling subgraph as a service (never with a viewer). */
export interface InternalCaller {
  service: string;
  viewer: Viewer | null;
  /**
   * The anonymous visitor's guest cart, from an `x-cart-token` the gateway verified (guest-cart-tokens.ts); set by the
   * gateway only, and only on anonymous calls.
   */
  guestCartId?: string;
}

/** What an internal token says: who signed it, which subgraph it is for, and (gateway only) for which viewer. */
export interface InternalTokenClaims {
  service: InternalService;
  audience: SubgraphName;
  viewer: Viewer | null;
  /** The guest cart the gateway verified for an anonymous client (claim `gc`). */
  guestCartId?: string | null;
}

// jose would import a JWK into a CryptoKey on every sign and verify (an Ed25519 import costs about as much as a
// signature); each key object of a config is imported once, and dropped with its config.
const imported = new WeakMap<Ed25519Jwk, Promise<CryptoKey>>();
/** The CryptoKey of an Ed25519 JWK, imported once per key object (also used by guest-cart-tokens.ts). */
export function cryptoKey(jwk: Ed25519Jwk): Promise<CryptoKey> {
  let key = imported.get(jwk);
  if (!key) imported.set(jwk, (key = importJWK({ ...jwk }, ALGORITHM)));
  return key;
}

/**
 * Signs the short-lived credential that proves a call came from `service`, good for the `audience` subgraph only
 * (`iss` = service, `aud` = subgraph), with the service's own Ed25519 key. Only the gateway speaks for a viewer.
 */
export async function signInternalToken(keys: InternalKeys, claims: InternalTokenClaims): Promise<string> {
  if (claims.viewer && claims.service !== "gateway") throw new Error(`only the gateway signs for a viewer, not ${claims.service}`);
  if (claims.guestCartId && (claims.service !== "gateway" || claims.viewer)) {
    throw new Error("only the gateway signs for a guest cart, and only for an anonymous client");
  }
  const jwt = new SignJWT(claims.viewer ? { role: claims.viewer.role } : claims.guestCartId ? { gc: claims.guestCartId } : {})
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(claims.service)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`);
  if (claims.viewer) jwt.setSubject(claims.viewer.userId);
  return jwt.sign(await cryptoKey(signingKeyOf(keys, claims.service)));
}

/**
 * Verifies an internal token for the subgraph `audience`: signed by the key of the service its `iss` names, meant
 * for this subgraph, unexpired and no older than its lifetime. A viewer is believed from the gateway only. Returns
 * null when the token is missing or fails any of it (the caller then refuses).
 */
export async function verifyInternalToken(
  keys: InternalKeys,
  audience: SubgraphName,
  token: string | undefined,
): Promise<InternalCaller | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, (_header, jws) => cryptoKey(publicKeyOfIssuer(keys, jws)), {
      algorithms: [ALGORITHM],
      audience,
      requiredClaims: ["iss", "exp"],
      maxTokenAge: INTERNAL_TOKEN_TTL_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const service = payload.iss!;
    if (payload.gc !== undefined) {
      // A guest cart is believed from the gateway only, which verified the client's cart token for it.
      if (service !== "gateway" || payload.sub !== undefined || typeof payload.gc !== "string") return null;
      return { service, viewer: null, guestCartId: payload.gc };
    }
    if (payload.sub === undefined) return { service, viewer: null };
    const role = payload.role;
    if (service !== "gateway" || (role !== "CUSTOMER" && role !== "ADMIN")) return null;
    return { service, viewer: { userId: payload.sub, role } };
  } catch {
    return null;
  }
}

/** The public key of the service the token's `iss` names; the signature check then proves the claim. */
function publicKeyOfIssuer(keys: InternalKeys, jws: FlattenedJWSInput): Ed25519Jwk {
  const payload = typeof jws.payload === "string" ? Buffer.from(jws.payload, "base64url") : Buffer.from(jws.payload);
  const { iss } = JSON.parse(payload.toString("utf8")) as { iss?: unknown };
  if (typeof iss !== "string" || !Object.hasOwn(keys.publicKeys, iss)) throw new Error("unknown issuer");
  return keys.publicKeys[iss as InternalService];
}
