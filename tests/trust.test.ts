import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, importJWK } from "jose";
import { generateInternalKeys, INTERNAL_TOKEN_HEADER, signInternalToken, type ShopConfig } from "@shop/runtime";
import { callSubgraph, testConfig, UNREACHABLE_SUBGRAPH_URL } from "@shop/runtime/testing";
import { request } from "./support/client";
import { startStack, type Stack } from "./support/stack";

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email } } }`;
let stack: Stack;
let customer: { token: string; user: { id: string; email: string } };

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user"], { gateway: true });
  const email = `trust-${crypto.randomUUID()}@example.com`;
  const signedUp = await request(stack.gatewayUrl, SIGN_UP, { input: { email, password: "a long password", name: "Trust" } });
  customer = signedUp.data!.signUp;
});
afterAll(() => stack.stop());

const secretKey = (secret: string) => new TextEncoder().encode(secret);

describe("identity through the gateway", () => {
  it("resolves me from the bearer token", async () => {
    const me = await request(stack.gatewayUrl, `{ me { id email } }`, {}, { token: customer.token });
    expect(me.data?.me).toEqual(customer.user);
  });

  it("ignores identity headers and forged internal tokens sent by a client", async () => {
    const forged = await new SignJWT({ svc: "gateway", role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(customer.user.id)
      .setIssuer("shop-internal")
      .setAudience("shop-subgraphs")
      .setExpirationTime("1m")
      .sign(secretKey("an attacker's guess at the secret, 32+ chars"));
    const result = await request(
      stack.gatewayUrl,
      `{ me { id } }`,
      {},
      {
        headers: { "x-user-id": customer.user.id, "x-user-role": "ADMIN", [INTERNAL_TOKEN_HEADER]: forged },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toBeNull();
  });

  it.each([
    ["garbage", "Bearer not.a.jwt", "The token is not valid: sign in again"],
    ["a wrong scheme", "Token abc", 'The Authorization header must be "Bearer <token>"'],
  ])("answers 401 UNAUTHENTICATED for %s", async (_, authorization, message) => {
    const result = await request(stack.gatewayUrl, `{ me { id } }`, {}, { headers: { authorization } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: "UNAUTHENTICATED" } });
  });

  it("refuses expired tokens, other algorithms, other issuers and other keys", async () => {
    const { secret } = stack.config.jwt;
    const base = () => new SignJWT({ role: "CUSTOMER" }).setSubject(customer.user.id).setIssuer("shop-user").setAudience("shop-clients");
    const expired = await base()
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secretKey(secret));
    const hs512 = await base().setProtectedHeader({ alg: "HS512" }).setExpirationTime("1h").sign(secretKey(secret));
    const otherIssuer = await base()
      .setIssuer("someone-else")
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(secretKey(secret));
    const otherKey = await base()
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(secretKey(`${secret}-rotated`));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: customer.user.id, role: "ADMIN" })).toString("base64url")}.`;
    const messages = [];
    for (const token of [expired, hs512, otherIssuer, otherKey, unsigned]) {
      const result = await request(stack.gatewayUrl, `{ me { id } }`, {}, { token });
      expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      messages.push(result.errors?.[0]?.message);
    }
    expect(messages[0]).toBe("The token has expired: sign in again");
  });

  it("leaves subgraphs unreachable around the gateway", async () => {
    const userUrl = stack.config.subgraphs.user.url;
    const entities = `{ _entities(representations: [{ __typename: "User", id: "${customer.user.id}" }]) { ... on User { email } } }`;
    const bare = await request(userUrl, entities);
    expect(bare.status).toBe(401);
    const wrongKey = await signInternalToken(generateInternalKeys(), { service: "gateway", audience: "user", viewer: null });
    const forged = await request(userUrl, entities, {}, { headers: { [INTERNAL_TOKEN_HEADER]: wrongKey } });
    expect(forged.status).toBe(401);
    expect(forged.data).toBeUndefined();
  });
});

describe("internal tokens: each service signs with its own key, for one subgraph", () => {
  const me = `{ me { id email } }`;
  const userUrl = () => stack.config.subgraphs.user.url;
  const viewer = () => ({ userId: customer.user.id, role: "CUSTOMER" as const });
  const asToken = (token: string) => ({ headers: { [INTERNAL_TOKEN_HEADER]: token } });
  /** A token made with the cart's own key (all a cart taken over holds), claims chosen by the test. */
  const signedByCart = async (claims: Record<string, unknown>) =>
    new SignJWT({ aud: "user", ...claims })
      .setProtectedHeader({ alg: "Ed25519" })
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(await importJWK({ ...stack.config.internalKeys.signingKeys.cart! }, "Ed25519"));

  it("answers the gateway's token for this subgraph", async () => {
    const token = await signInternalToken(stack.config.internalKeys, { service: "gateway", audience: "user", viewer: viewer() });
    const result = await request(userUrl(), me, {}, asToken(token));
    expect(result.data?.me).toEqual(customer.user);
  });

  it("refuses the gateway's token for another subgraph, replayed here", async () => {
    const forCart = await signInternalToken(stack.config.internalKeys, { service: "gateway", audience: "cart", viewer: viewer() });
    const replayed = await request(userUrl(), me, {}, asToken(forCart));
    expect(replayed.status).toBe(401);
    expect(replayed.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a token signed with the cart's key that claims to be the gateway", async () => {
    const posing = await signedByCart({ iss: "gateway", sub: customer.user.id, role: "ADMIN" });
    const result = await request(userUrl(), me, {}, asToken(posing));
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
  });

  it("refuses the cart speaking for a viewer under its own name, and its calls to public fields", async () => {
    const forViewer = await signedByCart({ iss: "cart", sub: customer.user.id, role: "CUSTOMER" });
    expect((await request(userUrl(), me, {}, asToken(forViewer))).status).toBe(401);

    const asCart = await signInternalToken(stack.config.internalKeys, { service: "cart", audience: "user", viewer: null });
    const entities = `{ _entities(representations: [{ __typename: "User", id: "${customer.user.id}" }]) { ... on User { id } } }`;
    for (const query of [me, entities]) {
      const result = await request(userUrl(), query, {}, asToken(asCart));
      expect(result.status).toBe(403);
      expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("refuses a tampered token: the role raised after signing", async () => {
    const token = await signInternalToken(stack.config.internalKeys, { service: "gateway", audience: "user", viewer: viewer() });
    const [header, claims, signature] = token.split(".");
    const raised = { ...JSON.parse(Buffer.from(claims!, "base64url").toString()), role: "ADMIN" };
    const tampered = `${header}.${Buffer.from(JSON.stringify(raised)).toString("base64url")}.${signature}`;
    expect((await request(userUrl(), me, {}, asToken(tampered))).status).toBe(401);
  });
});

describe("operation limits and developer experience", () => {
  it("refuses operations with too many aliases before calling a subgraph", async () => {
    const before = stack.statementCount();
    const aliases = Array.from({ length: stack.config.limits.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(" ");
    const result = await request(stack.gatewayUrl, `{ ${aliases} }`, {}, { token: customer.token });
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0]?.message).toMatch(/aliases/i);
    expect(stack.statementCount()).toBe(before);
  });

  it("serves the Sandbox landing page and CORS for Apollo Studio in development", async () => {
    const page = await fetch(stack.gatewayUrl, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/sandbox/i);
    const preflight = await fetch(stack.gatewayUrl, {
      method: "OPTIONS",
      headers: { origin: "https://studio.apollographql.com", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://studio.apollographql.com");
    const stranger = await fetch(stack.gatewayUrl, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets Sandbox's full introspection query through the limits, without @inaccessible fields", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const result = await request(stack.gatewayUrl, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(result.errors).toBeUndefined();
    const types = result.data.__schema.types as { name: string; fields: { name: string }[] | null }[];
    const query = types.find((type) => type.name === "Query")!;
    expect(query.fields!.map((field) => field.name)).toEqual(expect.arrayContaining(["me", "products", "cart", "order"]));
    expect(query.fields!.map((field) => field.name)).not.toContain("productSnapshots");
    expect(types.map((type) => type.name)).not.toContain("CartLine");
  });

  it("answers a malformed request body with a 400 GraphQL error, not a crash", async () => {
    const response = await fetch(stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});

describe("test stacks are sealed from each other", () => {
  it("refuses a call signed with another stack's internal keys", async () => {
    const elsewhere = testConfig();
    expect(elsewhere.internalKeys.publicKeys.gateway).not.toEqual(stack.config.internalKeys.publicKeys.gateway);
    const result = await callSubgraph(elsewhere, "user", stack.subgraphs.user!.url, `{ __typename }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: "This subgraph only answers the gateway: send your request to the gateway",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("points every subgraph it did not start at an address that refuses connections", async () => {
    const unstarted = (["product", "inventory", "cart", "order"] as const).map((name) => stack.config.subgraphs[name].url);
    expect(unstarted).toEqual(Array(4).fill(UNREACHABLE_SUBGRAPH_URL));
    await expect(fetch(UNREACHABLE_SUBGRAPH_URL, { method: "POST" })).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
  });
});

describe("production mode", () => {
  let production: Stack;
  beforeAll(async () => {
    const config: ShopConfig = testConfig();
    config.env = "production";
    // Only the user subgraph runs: the gateway starts with the product subgraph's URL refusing connections (see
    // testConfig), so its transport error is what must not reach the client verbatim. (tests/errors.test.ts masks
    // every other code in both modes.)
    production = await startStack(config, ["user"], { gateway: true });
  });
  afterAll(() => production.stop());

  it("turns introspection and the landing page off", async () => {
    const introspection = await request(production.gatewayUrl, `{ __schema { queryType { name } } }`);
    expect(introspection.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const page = await fetch(production.gatewayUrl, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toMatch(/sandbox/i);
  });

  it("answers a subgraph that refuses connections as SERVICE_UNAVAILABLE: no stack, no internal addresses", async () => {
    const response = await fetch(production.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ products(first: 1) { totalCount } }` }),
    });
    const body = await response.text();
    expect(response.status).toBe(503);
    expect(JSON.parse(body).errors).toEqual([
      { message: "A backing service did not answer: retry shortly", extensions: { code: "SERVICE_UNAVAILABLE" } },
    ]);
    expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack|serviceName/);
  });

  it("refuses to start with development secrets", async () => {
    const { loadConfig } = await import("@shop/runtime");
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/JWT_SECRET, INTERNAL_PUBLIC_KEYS, ADMIN_PASSWORD/);
  });
});
