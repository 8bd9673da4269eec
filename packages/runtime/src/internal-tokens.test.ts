import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { signUserToken, type Viewer } from "./auth";
import { generateInternalKeys, type InternalKeys, type InternalService } from "./internal-keys";
import { signInternalToken, verifyInternalToken } from "./internal-tokens";

const keys = generateInternalKeys();
const customer: Viewer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" };
const admin: Viewer = { userId: "22222222-2222-4222-8222-222222222222", role: "ADMIN" };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * An internal token built by hand with `service`'s own signing key, claims and algorithm chosen by the test: what a
 * subgraph taken over (it holds its own key, nobody else's) or a broken signer could send.
 */
async function handMade(service: InternalService, claims: JWTPayload, from: InternalKeys = keys): Promise<string> {
  const now = nowSeconds();
  return new SignJWT({ iss: service, aud: "cart", iat: now, exp: now + 60, ...claims })
    .setProtectedHeader({ alg: "Ed25519" })
    .sign(await importJWK({ ...from.signingKeys[service]! }, "Ed25519"));
}

describe("internal tokens: one service's key, one subgraph", () => {
  it("round-trips the gateway and the viewer it acts for, for the subgraph it was signed for", async () => {
    const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: admin });

    expect(decodeProtectedHeader(token)).toEqual({ alg: "Ed25519" });
    expect(decodeJwt(token)).toMatchObject({ iss: "gateway", aud: "cart", sub: admin.userId, role: "ADMIN" });
    await expect(verifyInternalToken(keys, "cart", token)).resolves.toEqual({ service: "gateway", viewer: admin });
  });

  it("carries the guest cart the gateway verified for an anonymous client, from the gateway only", async () => {
    const guestCartId = "44444444-4444-4444-8444-444444444444";
    const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: null, guestCartId });
    await expect(verifyInternalToken(keys, "cart", token)).resolves.toEqual({ service: "gateway", viewer: null, guestCartId });

    await expect(signInternalToken(keys, { service: "user", audience: "cart", viewer: null, guestCartId })).rejects.toThrow(
      /only the gateway/,
    );
    await expect(signInternalToken(keys, { service: "gateway", audience: "cart", viewer: customer, guestCartId })).rejects.toThrow(
      /only for an anonymous client/,
    );
    // Hand-made by a subgraph (it holds only its own key), or beside a viewer: refused.
    await expect(verifyInternalToken(keys, "cart", await handMade("user", { gc: guestCartId }))).resolves.toBeNull();
    await expect(
      verifyInternalToken(keys, "cart", await handMade("gateway", { gc: guestCartId, sub: customer.userId, role: "CUSTOMER" })),
    ).resolves.toBeNull();
    await expect(verifyInternalToken(keys, "cart", await handMade("gateway", { gc: 42 }))).resolves.toBeNull();
  });

  it("round-trips a sibling service acting for nobody", async () => {
    const token = await signInternalToken(keys, { service: "order", audience: "inventory", viewer: null });

    await expect(verifyInternalToken(keys, "inventory", token)).resolves.toEqual({ service: "order", viewer: null });
  });

  it("is short-lived: a minute", async () => {
    const { iat, exp } = decodeJwt(await signInternalToken(keys, { service: "gateway", audience: "user", viewer: null }));

    expect(exp! - iat!).toBe(60);
  });

  it("refuses a token replayed to another subgraph than its audience", async () => {
    const forCart = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: customer });
    const forInventory = await signInternalToken(keys, { service: "order", audience: "inventory", viewer: null });

    await expect(verifyInternalToken(keys, "order", forCart)).resolves.toBeNull();
    await expect(verifyInternalToken(keys, "product", forInventory)).resolves.toBeNull();
  });

  it("refuses a token signed with the cart's key that claims to come from the gateway", async () => {
    const posing = await handMade("cart", { iss: "gateway", sub: admin.userId, role: "ADMIN" });

    await expect(verifyInternalToken(keys, "cart", posing)).resolves.toBeNull();
  });

  it("believes a viewer from the gateway only: a sibling's own token naming one is refused", async () => {
    const asCart = await handMade("cart", { sub: admin.userId, role: "ADMIN" });

    await expect(verifyInternalToken(keys, "cart", asCart)).resolves.toBeNull();
    await expect(verifyInternalToken(keys, "cart", await handMade("cart", {}))).resolves.toEqual({ service: "cart", viewer: null });
    await expect(signInternalToken(keys, { service: "cart", audience: "order", viewer: admin })).rejects.toThrow(/only the gateway/);
  });

  it("refuses a token signed with another key set's gateway key", async () => {
    const elsewhere = await signInternalToken(generateInternalKeys(), { service: "gateway", audience: "cart", viewer: admin });

    await expect(verifyInternalToken(keys, "cart", elsewhere)).resolves.toBeNull();
  });

  it("refuses a tampered token: claims changed after signing", async () => {
    const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: customer });
    const [header, , signature] = token.split(".");
    const promote = (claims: JWTPayload) =>
      `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(token), ...claims })).toString("base64url")}.${signature}`;

    await expect(verifyInternalToken(keys, "cart", promote({ role: "ADMIN" }))).resolves.toBeNull();
    await expect(verifyInternalToken(keys, "order", promote({ aud: "order" }))).resolves.toBeNull();
  });

  it("refuses an expired token, and one that would live longer than a minute", async () => {
    const now = nowSeconds();
    const expired = await handMade("gateway", { iat: now - 120, exp: now - 60 });
    const longLived = await handMade("gateway", { iat: now - 600, exp: now + 3600 });

    await expect(verifyInternalToken(keys, "cart", expired)).resolves.toBeNull();
    await expect(verifyInternalToken(keys, "cart", longLived)).resolves.toBeNull();
  });

  it("refuses a token from a service it does not know, one without an issuer, and an unknown role", async () => {
    const unknown = await handMade("gateway", { iss: "billing" });
    const noIssuer = await handMade("gateway", { iss: undefined });
    const superuser = await handMade("gateway", { sub: admin.userId, role: "SUPERUSER" });

    for (const token of [unknown, noIssuer, superuser]) await expect(verifyInternalToken(keys, "cart", token)).resolves.toBeNull();
  });

  it.each([undefined, "", "not-a-jwt", "a.b.c"])("refuses the missing or garbled token %j", async (token) => {
    await expect(verifyInternalToken(keys, "cart", token)).resolves.toBeNull();
  });

  it("refuses a client token, and an HS256 token keyed with a public key", async () => {
    const secret = "user-token-secret-for-unit-tests-0123456789";
    const clientToken = await signUserToken(secret, admin, 60);
    // The classic confusion attack: the verifier's public key, known to all, used as an HMAC secret.
    const confused = await new SignJWT({ iss: "gateway", aud: "cart", sub: admin.userId, role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode(JSON.stringify(keys.publicKeys.gateway)));

    await expect(verifyInternalToken(keys, "cart", clientToken)).resolves.toBeNull();
    await expect(verifyInternalToken(keys, "cart", confused)).resolves.toBeNull();
  });
});
