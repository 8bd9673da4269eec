import { webcrypto } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { unauthenticated } from "./errors";

export type Role = "CUSTOMER" | "ADMIN";

/** The signed-in user a request acts for. */
export interface Viewer {
  userId: string;
  role: Role;
}

const ALGORITHM = "HS256";
const USER_TOKEN = { issuer: "shop-user", audience: "shop-clients" } as const;

// jose runs on Web Crypto: a CryptoKey imported once per secret spares a key import on every sign and verify
// (the gateway verifies one client token per request, and one per WebSocket connection).
const keys = new Map<string, Promise<webcrypto.CryptoKey>>();
function key(secret: string): Promise<webcrypto.CryptoKey> {
  let imported = keys.get(secret);
  if (!imported) {
    imported = webcrypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, imported);
  }
  return imported;
}

/** Issues the client-facing JWT returned by signUp/logIn. */
export async function signUserToken(secret: string, viewer: Viewer, ttlSeconds: number): Promise<string> {
  return (await issueUserToken(secret, viewer, ttlSeconds)).token;
}

/** Issues a client JWT and says when it expires (its `exp`, whole seconds), for clients that refresh before then. */
export async function issueUserToken(secret: string, viewer: Viewer, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new SignJWT({ role: viewer.role })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(viewer.userId)
    .setIssuer(USER_TOKEN.issuer)
    .setAudience(USER_TOKEN.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(await key(secret));
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** Verifies a client JWT (algorithm pinned; exp, iss and aud checked) or throws UNAUTHENTICATED. */
export async function verifyUserToken(secret: string, token: string): Promise<Viewer & { expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, await key(secret), {
      algorithms: [ALGORITHM],
      issuer: USER_TOKEN.issuer,
      audience: USER_TOKEN.audience,
      requiredClaims: ["sub", "exp"],
    });
    const role = payload.role;
    if (role !== "CUSTOMER" && role !== "ADMIN") throw unauthenticated("The token carries no valid role: sign in again");
    return { userId: payload.sub!, role, expiresAt: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated("The token has expired: sign in again");
    if (error instanceof joseErrors.JOSEError) throw unauthenticated("The token is not valid: sign in again");
    throw error;
  }
}

/** Reads `Authorization: Bearer <jwt>`; no header means an anonymous viewer, a bad one is UNAUTHENTICATED. */
export async function viewerFromAuthorization(secret: string, header: string | undefined | null): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  const { userId, role } = await verifyUserToken(secret, match[1]!);
  return { userId, role };
}
