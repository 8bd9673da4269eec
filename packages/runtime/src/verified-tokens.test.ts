import { describe, expect, it } from "vitest";
import { generateInternalKeys, type InternalService } from "./internal-keys";
import { signInternalToken, verifyInternalToken } from "./internal-tokens";
import { rememberVerified } from "./verified-tokens";

const keys = generateInternalKeys();
const customer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" as const };

/** verifyInternalToken, counting its calls. */
function countingVerify() {
  const calls: (string | undefined)[] = [];
  const verify = (token: string | undefined) => (calls.push(token), verifyInternalToken(keys, "cart", token));
  return { calls, verify };
}

describe("rememberVerified", () => {
  it("verifies a token once, and answers every request of it with its own copy of the caller", async () => {
    const { calls, verify } = countingVerify();
    const remembered = rememberVerified(verify);
    const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: customer });
    const answers = await Promise.all([remembered(token), remembered(token), remembered(token)]);
    const later = await remembered(token);
    expect(calls).toEqual([token]);
    for (const answer of [...answers, later]) expect(answer).toEqual({ service: "gateway", viewer: customer });
    answers[0]!.viewer!.role = "ADMIN";
    expect((await remembered(token))!.viewer!.role).toBe("CUSTOMER");
  });

  it("never remembers a refused token, and verifies a tampered copy of a remembered one on its own", async () => {
    const { calls, verify } = countingVerify();
    const remembered = rememberVerified(verify);
    const wrong = await signInternalToken(generateInternalKeys(), { service: "gateway", audience: "cart", viewer: null });
    expect(await remembered(wrong)).toBeNull();
    expect(await remembered(wrong)).toBeNull();
    const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: customer });
    expect(await remembered(token)).not.toBeNull();
    const [header, , signature] = token.split(".");
    const claims = Buffer.from(JSON.stringify({ iss: "gateway", aud: "cart", sub: customer.userId, role: "ADMIN" })).toString("base64url");
    expect(await remembered(`${header}.${claims}.${signature}`)).toBeNull();
    expect(await remembered(undefined)).toBeNull();
    expect(calls).toHaveLength(5);
  });

  it("verifies again once the token has expired, and then refuses it", async () => {
    const { calls, verify } = countingVerify();
    let clock = Date.now();
    const remembered = rememberVerified(verify, 1000, () => clock);
    const token = await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: null });
    const exp = (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { exp: number }).exp * 1000;
    expect(await remembered(token)).toEqual({ service: "gateway", viewer: null });
    clock = exp - 1;
    expect(await remembered(token)).not.toBeNull();
    expect(calls).toHaveLength(1);
    clock = exp;
    // The real clock has not reached exp, so verification still accepts it; what matters is that it was asked again.
    await remembered(token);
    expect(calls).toHaveLength(2);
  });

  it("keeps at most `capacity` tokens, dropping the oldest", async () => {
    const { calls, verify } = countingVerify();
    const remembered = rememberVerified(verify, 2);
    const tokens = await Promise.all(
      (["user", "product", "order"] as InternalService[]).map((service) =>
        signInternalToken(keys, { service, audience: "cart", viewer: null }),
      ),
    );
    for (const token of tokens) await remembered(token);
    await remembered(tokens[2]);
    await remembered(tokens[1]);
    expect(calls).toHaveLength(3);
    await remembered(tokens[0]);
    expect(calls).toHaveLength(4);
  });
});
