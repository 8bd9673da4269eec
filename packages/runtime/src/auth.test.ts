import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { signUserToken, verifyUserToken, viewerFromAuthorization, type Viewer } from "./auth";
import { generateInternalKeys } from "./internal-keys";
import { signInternalToken } from "./internal-tokens";

const SECRET = "user-token-secret-for-unit-tests-0123456789";
const OTHER_SECRET = "another-secret-that-did-not-sign-it-0123456";

const customer: Viewer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" };
const admin: Viewer = { userId: "22222222-2222-4222-8222-222222222222", role: "ADMIN" };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A client token built by hand, claims and algorithm chosen by the test, signed with `secret`: the shapes an attacker
 * or a misconfigured issuer could send, which signUserToken itself never produces.
 */
function handMadeUserToken(
  secret: string,
  overrides: { alg?: string; iss?: string; aud?: string; exp?: number | null; role?: unknown; sub?: string | null } = {},
) {
  const role = overrides.role === undefined ? "CUSTOMER" : overrides.role;
  const jwt = new SignJWT(role === null ? {} : { role })
    .setProtectedHeader({ alg: overrides.alg ?? "HS256" })
    .setIssuer(overrides.iss ?? "shop-user")
    .setAudience(overrides.aud ?? "shop-clients")
    .setIssuedAt();
  if (overrides.sub !== null) jwt.setSubject(overrides.sub ?? customer.userId);
  if (overrides.exp !== null) jwt.setExpirationTime(overrides.exp ?? nowSeconds() + 600);
  return jwt.sign(new TextEncoder().encode(secret));
}

const unauthenticated = (message: string) =>
  expect.objectContaining({ message, extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) });
const NOT_VALID = "The token is not valid: sign in again";

describe("client tokens (signUserToken / verifyUserToken)", () => {
  it("round-trips the viewer and reports when the token expires", async () => {
    const before = nowSeconds();
    const token = await signUserToken(SECRET, admin, 3600);
    const after = nowSeconds();

    const verified = await verifyUserToken(SECRET, token);

    expect(verified).toMatchObject(admin);
    // exp is whole seconds, so the expiry lies within the second the token was signed in, plus the TTL.
    expect(verified.expiresAt).toBeGreaterThanOrEqual((before + 3600) * 1000);
    expect(verified.expiresAt).toBeLessThanOrEqual((after + 3600) * 1000);
  });

  it("issues HS256 tokens for the user service and its clients", async () => {
    const token = await signUserToken(SECRET, customer, 60);

    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decodeJwt(token)).toMatchObject({ sub: customer.userId, role: "CUSTOMER", iss: "shop-user", aud: "shop-clients" });
  });

  it("refuses an expired token with a message that says so", async () => {
    const token = await handMadeUserToken(SECRET, { exp: nowSeconds() - 60 });

    await expect(verifyUserToken(SECRET, token)).rejects.toEqual(unauthenticated("The token has expired: sign in again"));
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signUserToken(OTHER_SECRET, customer, 60);

    await expect(verifyUserToken(SECRET, token)).rejects.toEqual(unauthenticated(NOT_VALID));
  });

  it("refuses a token whose claims were edited after signing", async () => {
    const token = await signUserToken(SECRET, customer, 60);
    const [header, , signature] = token.split(".");
    const promoted = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: "ADMIN" })).toString("base64url");

    await expect(verifyUserToken(SECRET, `${header}.${promoted}.${signature}`)).rejects.toEqual(unauthenticated(NOT_VALID));
  });

  // Algorithm pinning: only HS256 is accepted, even when the signature itself is right for the secret.
  it.each([
    ["HS512 with the right secret", () => handMadeUserToken(SECRET, { alg: "HS512" })],
    [
      'an unsigned token ("alg": "none")',
      async () =>
        new UnsecuredJWT({ role: "ADMIN" })
          .setSubject(admin.userId)
          .setIssuer("shop-user")
          .setAudience("shop-clients")
          .setExpirationTime("10m")
          .encode(),
    ],
  ])("refuses %s", async (_, makeToken) => {
    await expect(verifyUserToken(SECRET, await makeToken())).rejects.toEqual(unauthenticated(NOT_VALID));
  });

  it.each([
    ["another issuer", { iss: "someone-else" }],
    ["another audience", { aud: "shop-subgraphs" }],
    ["no expiry", { exp: null }],
    ["no subject", { sub: null }],
  ])("refuses a token with %s", async (_, overrides) => {
    const token = await handMadeUserToken(SECRET, overrides);

    await expect(verifyUserToken(SECRET, token)).rejects.toEqual(unauthenticated(NOT_VALID));
  });

  it.each([
    ["no role", { role: null }],
    ["an unknown role", { role: "SUPERUSER" }],
  ])("refuses a token with %s", async (_, overrides) => {
    const token = await handMadeUserToken(SECRET, overrides);

    await expect(verifyUserToken(SECRET, token)).rejects.toEqual(unauthenticated("The token carries no valid role: sign in again"));
  });

  it("does not take an internal token for a client token", async () => {
    const internal = await signInternalToken(generateInternalKeys(), { service: "gateway", audience: "user", viewer: admin });

    await expect(verifyUserToken(SECRET, internal)).rejects.toEqual(unauthenticated(NOT_VALID));
  });
});

describe("the Authorization header (viewerFromAuthorization)", () => {
  it.each([undefined, null, ""])("treats %j as an anonymous viewer", async (header) => {
    await expect(viewerFromAuthorization(SECRET, header)).resolves.toBeNull();
  });

  it.each(["Bearer <token>", "bearer <token>", "  BEARER   <token>  "])("reads the viewer from %j", async (shape) => {
    const header = shape.replace("<token>", await signUserToken(SECRET, customer, 60));

    // Only the viewer: the expiry is the connection handler's business, not a request's.
    await expect(viewerFromAuthorization(SECRET, header)).resolves.toEqual(customer);
  });

  it.each(["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Token abc"])("refuses the malformed header %j", async (header) => {
    await expect(viewerFromAuthorization(SECRET, header)).rejects.toEqual(
      unauthenticated('The Authorization header must be "Bearer <token>"'),
    );
  });

  it("refuses a well-formed header whose token is not valid", async () => {
    const token = await signUserToken(OTHER_SECRET, customer, 60);

    await expect(viewerFromAuthorization(SECRET, `Bearer ${token}`)).rejects.toEqual(unauthenticated(NOT_VALID));
  });
});
