import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "@shop/runtime/testing";
import { request } from "./support/client";
import { signUpCustomer } from "./support/shop";
import { startStack, type Stack } from "./support/stack";
import { liveClient, Watch } from "./support/subscriptions";

// The limits are checked before any subgraph is asked anything, so the user subgraph (to sign in) is all this needs.
let stack: Stack;
let token: string;
const clients: { dispose(): unknown }[] = [];

beforeAll(async () => {
  stack = await startStack(testConfig(), ["user"], { gateway: true });
  ({ token } = await signUpCustomer(stack, "Limits"));
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack.stop();
});

const limits = () => stack.config.limits;
/** graphql-cop's alias overloading: 101 aliases of `__typename`. */
const typenameAliases = () => `{ ${Array.from({ length: 101 }, (_, i) => `alias${i}: __typename`).join(" ")} }`;
/** graphql-cop's directive overloading: one unknown directive, ten times on one field. */
const repeatedDirective = `query cop { __typename ${"@aa".repeat(10)} }`;
/** One directive more than allowed, each on a field of its own (none repeated). */
const manyDirectives = () => `{ me { ${Array.from({ length: limits().maxDirectives + 1 }, () => `id @include(if: true)`).join(" ")} } }`;
/** A valid operation of more tokens than allowed, without a single alias. */
const manyTokens = () => `{ ${"__typename ".repeat(limits().maxTokens + 10)} }`;

/** The errors an operation sent over the gateway's WebSocket is refused with. */
async function refusedOverSocket(query: string) {
  const live = liveClient(stack.gatewayUrl, token);
  clients.push(live);
  return new Watch(live.client, query).failure();
}

describe("operation limits over HTTP", () => {
  it("counts __typename aliases like any other alias", async () => {
    const result = await request(stack.gatewayUrl, typenameAliases());
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: `Aliases limit of ${limits().maxAliases} exceeded, found 101.`,
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      }),
    ]);
  });

  it("refuses a directive repeated on one field, known or not, once", async () => {
    const unknown = await request(stack.gatewayUrl, repeatedDirective);
    expect(unknown.status).toBe(400);
    expect(unknown.errors!.filter((error) => /repeated/.test(error.message))).toEqual([
      expect.objectContaining({ message: 'The directive "@aa" is repeated here: use it once' }),
    ]);
    const known = await request(stack.gatewayUrl, `{ __typename @skip(if: false) @skip(if: false) @skip(if: false) }`);
    expect(known.status).toBe(400);
    expect(known.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("limits the directives of one operation", async () => {
    const allowed = `{ me { ${Array.from({ length: limits().maxDirectives }, () => `id @include(if: true)`).join(" ")} } }`;
    expect((await request(stack.gatewayUrl, allowed, {}, { token })).errors).toBeUndefined();
    const result = await request(stack.gatewayUrl, manyDirectives(), {}, { token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({
      message: `Directives limit of ${limits().maxDirectives} exceeded, found ${limits().maxDirectives + 1}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("refuses a document of more tokens than MAX_QUERY_TOKENS while parsing", async () => {
    const result = await request(stack.gatewayUrl, manyTokens());
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`more tha[nt] ${limits().maxTokens} tokens`));
  });
});

describe("the same limits over the WebSocket", () => {
  it("refuses __typename aliases, repeated and too many directives, and too many tokens", async () => {
    expect(await refusedOverSocket(typenameAliases())).toEqual([
      expect.objectContaining({ message: `Aliases limit of ${limits().maxAliases} exceeded, found 101.` }),
    ]);
    const repeated = await refusedOverSocket(repeatedDirective);
    expect(repeated.map((error) => error.message)).toContain('The directive "@aa" is repeated here: use it once');
    expect((await refusedOverSocket(manyDirectives()))[0]).toMatchObject({
      message: `Directives limit of ${limits().maxDirectives} exceeded, found ${limits().maxDirectives + 1}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    const tokens = await refusedOverSocket(manyTokens());
    expect(tokens[0]).toMatchObject({ extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    expect(tokens[0]!.message).toMatch(new RegExp(`more tha[nt] ${limits().maxTokens} tokens`));
  });

  it("applies them to subscriptions before anything is planned or opened", async () => {
    const aliases = Array.from({ length: limits().maxAliases + 1 }, (_, i) => `a${i}: __typename`).join(" ");
    const [error] = await refusedOverSocket(`subscription { myOrderUpdates { id ${aliases} } }`);
    expect(error).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(error!.message).toMatch(/Aliases limit/);
  });
});

describe("string input", () => {
  it("answers a control character in any string argument with BAD_USER_INPUT on the field, through the gateway", async () => {
    const email = `nul-${crypto.randomUUID()}@example.com`;
    const result = await request(stack.gatewayUrl, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email, password: "a long password", name: "Nul\u0000Name" },
    });
    expect(result.status).toBe(200);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: "input.name: must not contain control characters (found U+0000)",
        path: ["signUp"],
        extensions: { code: "BAD_USER_INPUT", field: "input.name" },
      }),
    ]);
    const logIn = await request(stack.gatewayUrl, `mutation($e: String!) { logIn(email: $e, password: "a long password") { token } }`, {
      e: email,
    });
    expect(logIn.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
