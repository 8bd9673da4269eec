import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { signGuestCartToken, verifyGuestCartToken } from "./guest-cart-tokens";
import { generateInternalKeys, type InternalService } from "./internal-keys";
import { signInternalToken, verifyInternalToken } from "./internal-tokens";

const keys = generateInternalKeys();
const cartId = "44444444-4444-4444-8444-444444444444";
const inAnHour = () => new Date(Date.now() + 3_600_000);
const refusal = (message: RegExp) =>
  expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: "UNAUTHENTICATED" } });

/** A token with the right claims, signed by `service`'s own key: what a service other than the cart could mint. */
async function signedBy(service: InternalService, header: Record<string, unknown> = { alg: "Ed25519", typ: "guest-cart+jwt" }) {
  return new SignJWT({})
    .setProtectedHeader(header as { alg: string })
    .setIssuer("cart")
    .setAudience("guest-cart")
    .setSubject(cartId)
    .setExpirationTime("1h")
    .sign(await importJWK({ ...keys.signingKeys[service]! }, "Ed25519"));
}

describe("guest cart tokens", () => {
  it("round-trip the cart id, signed by the cart's key, expiring when asked", async () => {
    const expiresAt = inAnHour();
    const token = await signGuestCartToken(keys, cartId, expiresAt);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "Ed25519", typ: "guest-cart+jwt" });
    expect(decodeJwt(token)).toMatchObject({ iss: "cart", aud: "guest-cart", sub: cartId, exp: Math.floor(expiresAt.getTime() / 1000) });
    await expect(verifyGuestCartToken(keys, token)).resolves.toBe(cartId);
  });

  it("refuse an expired token, saying so", async () => {
    const token = await signGuestCartToken(keys, cartId, new Date(Date.now() - 1000));
    await expect(verifyGuestCartToken(keys, token)).rejects.toThrow(refusal(/^The cart token has expired/));
  });

  it("refuse tokens another service, another shop or a tamperer made", async () => {
    const otherShop = await signGuestCartToken(generateInternalKeys(), cartId, inAnHour());
    const [header, , signature] = (await signGuestCartToken(keys, cartId, inAnHour())).split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ iss: "cart", aud: "guest-cart", sub: "someone-else", exp: 9e9 })).toString("base64url")}.${signature}`;
    for (const token of [otherShop, tampered, await signedBy("gateway"), await signedBy("user"), "not-a-token", ""]) {
      await expect(verifyGuestCartToken(keys, token)).rejects.toThrow(refusal(/^The cart token is not valid/));
    }
  });

  it("are never taken for internal tokens, nor the other way round", async () => {
    const guest = await signGuestCartToken(keys, cartId, inAnHour());
    await expect(verifyInternalToken(keys, "cart", guest)).resolves.toBeNull();
    const internal = await signInternalToken(keys, { service: "cart", audience: "cart", viewer: null });
    await expect(verifyGuestCartToken(keys, internal)).rejects.toThrow(refusal(/not valid/));
    // The right key and claims but not the guest cart type: refused too.
    await expect(verifyGuestCartToken(keys, await signedBy("cart", { alg: "Ed25519" }))).rejects.toThrow(refusal(/not valid/));
  });
});
