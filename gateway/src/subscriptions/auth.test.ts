import { describe, expect, it } from "vitest";
import { authenticateConnection, refreshRefusal, type Subscriber } from "./auth";

const viewer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" } as const;
const customer: Subscriber = { viewer, expiresAt: 1_000 };

describe("refreshRefusal", () => {
  it("lets a later token of the same account and role renew the connection", () => {
    expect(refreshRefusal(customer, { ...customer, expiresAt: 2_000 })).toBeNull();
  });

  it("refuses a token of another account", () => {
    const other: Subscriber = { viewer: { userId: "22222222-2222-4222-8222-222222222222", role: "CUSTOMER" }, expiresAt: 2_000 };
    expect(refreshRefusal(customer, other)).toMatch(/another account/);
  });

  it("refuses a token carrying another role: the connection's subscriptions were authorized under the first", () => {
    expect(refreshRefusal(customer, { viewer: { ...viewer, role: "ADMIN" }, expiresAt: 2_000 })).toMatch(/role changed/);
  });

  it("refuses to sign in an anonymous connection in band: its subscriptions were authorized as nobody", () => {
    expect(refreshRefusal({ viewer: null, expiresAt: Infinity }, customer)).toMatch(/anonymous connection cannot sign in/);
  });
});

describe("authenticateConnection", () => {
  const secret = "a test secret that is long enough for HS256";

  it("takes a connection without authorization as anonymous, with no expiry", async () => {
    expect(await authenticateConnection(secret, {})).toEqual({ viewer: null, expiresAt: Infinity });
    expect(await authenticateConnection(secret, undefined)).toEqual({ viewer: null, expiresAt: Infinity });
  });

  it("refuses an authorization that is not a valid bearer token, saying why", async () => {
    expect(await authenticateConnection(secret, { authorization: "Basic abc" })).toEqual({
      refused: 'connectionParams.authorization must be "Bearer <token>"',
    });
    expect(await authenticateConnection(secret, { authorization: 42 })).toHaveProperty("refused");
    expect(await authenticateConnection(secret, { authorization: "Bearer not-a-jwt" })).toHaveProperty("refused");
  });
});
