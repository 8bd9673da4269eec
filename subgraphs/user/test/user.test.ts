import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { verifyUserToken } from "@shop/runtime";
import { useSubgraph } from "@shop/runtime/testing";
import { startUserSubgraph } from "../src/app";
import { MAX_SAVED_ADDRESSES } from "../src/services/accounts";
import { users as userTable } from "../src/db/schema";
import { seedUsers } from "../src/seed";

const users = useSubgraph(startUserSubgraph);
const unique = () => `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email name role createdAt } } }`;

async function signUp(email = `${unique()}@example.com`, password = "long enough password") {
  const response = await users.call(SIGN_UP, { input: { email, password, name: "Ada" } });
  expect(response.errors).toBeUndefined();
  return response.data!.signUp as { token: string; user: { id: string; email: string; role: string } };
}

describe("signUp and logIn", () => {
  it("creates a customer and returns a token the gateway accepts", async () => {
    const { token, user } = await signUp();
    expect(user.role).toBe("CUSTOMER");
    const claims = await verifyUserToken(users.config.jwt.secret, token);
    expect(claims.userId).toBe(user.id);
    expect(claims.role).toBe("CUSTOMER");
  });

  it("refuses an email that differs only in case, naming the field", async () => {
    const email = `${unique()}@Example.com`;
    await signUp(email);
    const again = await users.call(SIGN_UP, { input: { email: email.toUpperCase(), password: "another password", name: "Eve" } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.email" });
    const [{ count }] = (await users.subgraph.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(userTable)
      .where(eq(sql`lower(${userTable.email})`, email.toLowerCase()))) as [{ count: number }];
    expect(count).toBe(1);
  });

  it.each([
    [{ email: "not-an-email", password: "long enough password", name: "A" }, "input.email"],
    [{ email: "short@example.com", password: "short", name: "A" }, "input.password"],
    [{ email: "blank@example.com", password: "long enough password", name: "   " }, "input.name"],
  ])("rejects bad input %j without writing", async (input, field) => {
    const response = await users.call(SIGN_UP, { input });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    const rows = await users.subgraph.database.db.select().from(userTable).where(eq(userTable.email, input.email));
    expect(rows).toHaveLength(0);
  });

  it("logs in case-insensitively and refuses a wrong password without saying which part was wrong", async () => {
    const email = `${unique()}@example.com`;
    const { user } = await signUp(email, "the right password");
    const ok = await users.call(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { id } } }`, {
      e: email.toUpperCase(),
      p: "the right password",
    });
    expect(ok.data?.logIn.user.id).toBe(user.id);
    for (const [e, p] of [
      [email, "the wrong password"],
      [`${unique()}@example.com`, "the right password"],
    ]) {
      const bad = await users.call(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, { e, p });
      expect(bad.errors?.[0]).toMatchObject({ message: "Email or password is wrong", extensions: { code: "UNAUTHENTICATED" } });
    }
  });
});

describe("me and addresses", () => {
  it("answers me for the viewer and null for anonymous callers", async () => {
    const { user } = await signUp();
    const mine = await users.call(`{ me { id email } }`, {}, { userId: user.id, role: "CUSTOMER" });
    expect(mine.data?.me).toEqual({ id: user.id, email: user.email });
    expect((await users.call(`{ me { id } }`)).data?.me).toBeNull();
  });

  it("keeps addresses per user and never deletes another user's", async () => {
    const owner = (await signUp()).user;
    const other = (await signUp()).user;
    const input = { name: "Ada", line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "us" };
    const added = await users.call(
      `mutation($input: AddressInput!) { addAddress(input: $input) { id country line2 } }`,
      { input },
      { userId: owner.id, role: "CUSTOMER" },
    );
    expect(added.data?.addAddress).toMatchObject({ country: "US", line2: null });
    const id = added.data!.addAddress.id as string;

    const stolen = await users.call(`mutation($id: ID!) { removeAddress(id: $id) { id } }`, { id }, { userId: other.id, role: "CUSTOMER" });
    expect(stolen.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const kept = await users.call(`{ me { addresses { id } } }`, {}, { userId: owner.id, role: "CUSTOMER" });
    expect(kept.data?.me.addresses).toEqual([{ id }]);

    const bad = await users.call(
      `mutation($input: AddressInput!) { addAddress(input: $input) { id } }`,
      { input: { ...input, country: "USA" } },
      { userId: owner.id, role: "CUSTOMER" },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.country" });
    const anonymous = await users.call(`mutation($input: AddressInput!) { addAddress(input: $input) { id } }`, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it(`keeps at most ${MAX_SAVED_ADDRESSES} addresses per user, even when they are added all at once`, async () => {
    const viewer = { userId: (await signUp()).user.id, role: "CUSTOMER" as const };
    const input = { name: "Ada", line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" };
    const ADD = `mutation($input: AddressInput!) { addAddress(input: $input) { id } }`;
    const results = await Promise.all(Array.from({ length: MAX_SAVED_ADDRESSES + 5 }, () => users.call(ADD, { input }, viewer)));
    const refused = results.filter((result) => result.errors);
    expect(refused).toHaveLength(5);
    expect(refused[0]!.errors![0]).toMatchObject({
      message: `input: the address book already holds ${MAX_SAVED_ADDRESSES} addresses, the most allowed: remove one first`,
      extensions: { code: "BAD_USER_INPUT", field: "input" },
    });
    const kept = await users.call(`{ me { addresses { id } } }`, {}, viewer);
    expect(kept.data?.me.addresses).toHaveLength(MAX_SAVED_ADDRESSES);
    const removed = await users.call(`mutation($id: ID!) { removeAddress(id: $id) { id } }`, { id: kept.data!.me.addresses[0].id }, viewer);
    expect(removed.errors).toBeUndefined();
    expect((await users.call(ADD, { input }, viewer)).errors).toBeUndefined();
  });

  it("refuses control characters in any string argument as BAD_USER_INPUT on the field, writing nothing", async () => {
    const viewer = { userId: (await signUp()).user.id, role: "CUSTOMER" as const };
    const input = { name: "Ada", line1: "1 Main St\u0000", city: "Springfield", postalCode: "12345", country: "US" };
    const added = await users.call(`mutation($input: AddressInput!) { addAddress(input: $input) { id } }`, { input }, viewer);
    expect(added.errors).toEqual([
      expect.objectContaining({
        message: "input.line1: must not contain control characters (found U+0000)",
        path: ["addAddress"],
        extensions: { code: "BAD_USER_INPUT", field: "input.line1" },
      }),
    ]);
    expect((await users.call(`{ me { addresses { id } } }`, {}, viewer)).data?.me.addresses).toEqual([]);
    const signedUp = await users.call(SIGN_UP, {
      input: { email: `${unique()}@example.com`, password: "long enough password", name: "Ev\u001be" },
    });
    expect(signedUp.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    const loggedIn = await users.call(`mutation { logIn(email: "a\\u0000@example.com", password: "x") { token } }`);
    expect(loggedIn.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
  });
});

describe("federation and trust", () => {
  it("resolves many User references with one SQL statement for users and one for addresses", async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, async () => (await signUp()).user.id));
    const before = users.subgraph.database.statements.count;
    const response = await users.call(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email addresses { id } } } }`,
      { r: [...ids.map((id) => ({ __typename: "User", id })), { __typename: "User", id: "not-a-uuid" }] },
    );
    expect(response.errors).toBeUndefined();
    const entities = response.data!._entities as ({ id: string } | null)[];
    expect(entities.slice(0, 6).map((user) => user?.id)).toEqual(ids);
    expect(entities[6]).toBeNull();
    expect(users.subgraph.database.statements.count - before).toBe(2);
  });

  it("refuses calls that do not carry the gateway's credential", async () => {
    const plain = await fetch(users.subgraph.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user-id": "anything" },
      body: JSON.stringify({ query: "{ _service { sdl } }" }),
    });
    expect(plain.status).toBe(401);
    expect(((await plain.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const health = await fetch(users.subgraph.url.replace("/graphql", "/health"));
    expect(health.status).toBe(200);
  });

  it("seeds the admin idempotently and resets the admin password to the configured one", async () => {
    const first = await seedUsers(users.config);
    const second = await seedUsers({ ...users.config, admin: { ...users.config.admin, password: "a new admin password" } });
    expect(second).toEqual(first);
    const login = await users.call(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { role } } }`, {
      e: users.config.admin.email,
      p: "a new admin password",
    });
    expect(login.data?.logIn.user.role).toBe("ADMIN");
  });
});
