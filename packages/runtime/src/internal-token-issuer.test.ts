import { describe, expect, it } from "vitest";
import { verifyInternalToken, type Viewer } from "./auth";
import { createInternalTokenIssuer, INTERNAL_TOKEN_REUSE_MS } from "./internal-token-issuer";

const secret = "a test secret of at least thirty-two characters";
const alice: Viewer = { userId: "alice", role: "CUSTOMER" };
const bob: Viewer = { userId: "bob", role: "CUSTOMER" };

describe("internal tokens reused per viewer", () => {
  it("hands out the same token to one viewer within the reuse window, and a fresh one after it", async () => {
    let clock = 0;
    const issue = createInternalTokenIssuer(secret, "gateway", () => clock);
    const first = await issue(alice);
    clock += INTERNAL_TOKEN_REUSE_MS - 1;
    expect(await issue(alice)).toBe(first);
    clock += 1;
    // jose stamps iat in whole seconds: wait into the next one so the new token differs visibly.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await issue(alice)).not.toBe(first);
  });

  it("never gives one viewer another's token: each names its own viewer, and anonymous names none", async () => {
    const issue = createInternalTokenIssuer(secret, "gateway");
    const [forAlice, forBob, forNobody, admin] = await Promise.all([
      issue(alice),
      issue(bob),
      issue(null),
      issue({ userId: "alice", role: "ADMIN" }),
    ]);
    expect(await verifyInternalToken(secret, forAlice)).toEqual({ service: "gateway", viewer: alice });
    expect(await verifyInternalToken(secret, forBob)).toEqual({ service: "gateway", viewer: bob });
    expect(await verifyInternalToken(secret, forNobody)).toEqual({ service: "gateway", viewer: null });
    // Same user, other role: a token of its own, so a role change is never hidden by reuse.
    expect(await verifyInternalToken(secret, admin)).toEqual({ service: "gateway", viewer: { userId: "alice", role: "ADMIN" } });
  });
});
