import { describe, expect, it } from "vitest";
import type { Viewer } from "./auth";
import { generateInternalKeys } from "./internal-keys";
import { createInternalTokenIssuer, INTERNAL_TOKEN_REUSE_MS } from "./internal-token-issuer";
import { verifyInternalToken } from "./internal-tokens";

const keys = generateInternalKeys();
const alice: Viewer = { userId: "alice", role: "CUSTOMER" };
const bob: Viewer = { userId: "bob", role: "CUSTOMER" };

describe("internal tokens reused per viewer", () => {
  it("hands out the same token to one viewer within the reuse window, and a fresh one after it", async () => {
    let clock = 0;
    const issue = createInternalTokenIssuer(keys, "gateway", () => clock);
    const first = await issue("cart", alice);
    clock += INTERNAL_TOKEN_REUSE_MS - 1;
    expect(await issue("cart", alice)).toBe(first);
    clock += 1;
    // jose stamps iat in whole seconds: wait into the next one so the new token differs visibly.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await issue("cart", alice)).not.toBe(first);
  });

  it("never gives one viewer another's token: each names its own viewer, and anonymous names none", async () => {
    const issue = createInternalTokenIssuer(keys, "gateway");
    const [forAlice, forBob, forNobody, admin] = await Promise.all([
      issue("cart", alice),
      issue("cart", bob),
      issue("cart", null),
      issue("cart", { userId: "alice", role: "ADMIN" }),
    ]);
    expect(await verifyInternalToken(keys, "cart", forAlice)).toEqual({ service: "gateway", viewer: alice });
    expect(await verifyInternalToken(keys, "cart", forBob)).toEqual({ service: "gateway", viewer: bob });
    expect(await verifyInternalToken(keys, "cart", forNobody)).toEqual({ service: "gateway", viewer: null });
    // Same user, other role: a token of its own, so a role change is never hidden by reuse.
    expect(await verifyInternalToken(keys, "cart", admin)).toEqual({ service: "gateway", viewer: { userId: "alice", role: "ADMIN" } });
  });

  it("never gives one guest cart's token to another guest, nor to an anonymous client without one", async () => {
    const issue = createInternalTokenIssuer(keys, "gateway");
    const [one, other, none] = await Promise.all([issue("cart", null, "cart-one"), issue("cart", null, "cart-other"), issue("cart", null)]);
    expect(await verifyInternalToken(keys, "cart", one)).toEqual({ service: "gateway", viewer: null, guestCartId: "cart-one" });
    expect(await verifyInternalToken(keys, "cart", other)).toEqual({ service: "gateway", viewer: null, guestCartId: "cart-other" });
    expect(await verifyInternalToken(keys, "cart", none)).toEqual({ service: "gateway", viewer: null });
    expect(await issue("cart", null, "cart-one")).toBe(one);
  });

  it("never hands a token for one subgraph to a call to another", async () => {
    const issue = createInternalTokenIssuer(keys, "gateway");
    const [forCart, forOrder] = [await issue("cart", alice), await issue("order", alice)];
    expect(forOrder).not.toBe(forCart);
    expect(await verifyInternalToken(keys, "order", forOrder)).toEqual({ service: "gateway", viewer: alice });
    expect(await verifyInternalToken(keys, "order", forCart)).toBeNull();
  });

  it("refuses at once to issue for a service whose signing key this process does not hold", () => {
    const { publicKeys, signingKeys } = generateInternalKeys();
    expect(() => createInternalTokenIssuer({ publicKeys, signingKeys: { cart: signingKeys.cart } }, "gateway")).toThrow(
      /GATEWAY_INTERNAL_SIGNING_KEY is not set/,
    );
  });
});
