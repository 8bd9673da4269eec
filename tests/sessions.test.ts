import { createHash } from "node:crypto";
import { CloseCode, createClient, type Client } from "graphql-ws";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signUserToken } from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import { seedUsers } from "@shop/user/seed";
import { request } from "./support/client";
import { startStack, type Stack } from "./support/stack";
import type { Closed } from "./support/subscriptions";

/**
 * Sessions through the gateway (README "Sessions"): short-lived access tokens, rotating refresh tokens stored hashed,
 * reuse detection, logOut, revocation on password and role changes, and WebSockets that close when their token
 * expires unless the client renews it in band.
 */

const SESSION = `token refreshToken expiresAt user { id role }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { ${SESSION} } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { ${SESSION} } }`;
const REFRESH = `mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ${SESSION} } }`;
const LOG_OUT = `mutation($refreshToken: String) { logOut(refreshToken: $refreshToken) }`;
const PASSWORD = "a long enough password";

interface Session {
  token: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; role: string };
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(testConfig(), ["user"], { gateway: true });
});
afterAll(() => stack.stop());

async function signUp(email = `session-${crypto.randomUUID()}@example.com`) {
  const answer = await request<{ signUp: Session }>(stack.gatewayUrl, SIGN_UP, { input: { email, password: PASSWORD, name: "Sam" } });
  expect(answer.errors).toBeUndefined();
  return { email, session: answer.data!.signUp };
}

async function logIn(email: string, password = PASSWORD): Promise<Session> {
  const answer = await request<{ logIn: Session }>(stack.gatewayUrl, LOG_IN, { email, password });
  expect(answer.errors).toBeUndefined();
  return answer.data!.logIn;
}

const refresh = (refreshToken: string) => request<{ refreshToken: Session }>(stack.gatewayUrl, REFRESH, { refreshToken });

async function refreshed(refreshToken: string): Promise<Session> {
  const answer = await refresh(refreshToken);
  expect(answer.errors).toBeUndefined();
  return answer.data!.refreshToken;
}

/** Asserts that `refreshToken` is refused with UNAUTHENTICATED and a message matching `message`. */
async function expectRefused(refreshToken: string, message: RegExp) {
  const answer = await refresh(refreshToken);
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: "UNAUTHENTICATED" } });
}

const me = async (token: string) => (await request<{ me: { id: string } }>(stack.gatewayUrl, `{ me { id } }`, {}, { token })).data?.me;

describe("sessions", () => {
  it("answers logIn with an access token, a refresh token stored only as its hash, and the token's expiry", async () => {
    const { email, session: signedUp } = await signUp();
    const session = await logIn(email);

    expect(session.user.id).toBe(signedUp.user.id);
    expect(session.expiresAt).toBe(new Date(decodeJwt(session.token).exp! * 1000).toISOString());
    // The access token lives JWT_TTL_SECONDS (15 minutes by default, config.test.ts).
    expect(decodeJwt(session.token).exp! - decodeJwt(session.token).iat!).toBe(stack.config.jwt.ttlSeconds);
    expect(session.refreshToken).not.toBe(signedUp.refreshToken);
    expect(await me(session.token)).toEqual({ id: session.user.id });

    const stored = await stack.subgraphs.user!.database.sql<{ token_hash: string }[]>`
      select token_hash from refresh_tokens where user_id = ${session.user.id} order by created_at`;
    const sha256 = (token: string) => createHash("sha256").update(token).digest("base64url");
    expect(stored.map((row) => row.token_hash)).toEqual([sha256(signedUp.refreshToken), sha256(session.refreshToken)]);
  });

  it("rotates: each refresh answers a new pair, and the refresh token it replaced is refused", async () => {
    const { session: first } = await signUp();
    const second = await refreshed(first.refreshToken);
    const third = await refreshed(second.refreshToken);

    expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
    expect(third.user).toEqual(first.user);
    expect(await me(third.token)).toEqual({ id: first.user.id });
    await expectRefused(second.refreshToken, /^The refresh token was already exchanged for a new one/);
  });

  it("revokes the whole session when a rotated token comes back (reuse), and leaves the account's other sessions alone", async () => {
    const { email, session: phone } = await signUp();
    const laptop = await logIn(email);
    const stolen = phone.refreshToken;
    const renewed = await refreshed(phone.refreshToken);

    // A thief replays the copy: refused, and the phone's current token stops working with it.
    await expectRefused(stolen, /already exchanged.*every token of this session is now revoked/);
    await expectRefused(renewed.refreshToken, /^The refresh token has been revoked/);
    // So the thief cannot have refreshed first unnoticed either: whoever comes second ends the session.
    expect((await refreshed(laptop.refreshToken)).user.id).toBe(phone.user.id);
  });

  it("counts two refreshes at once with one token as reuse: one answers, the other is refused, and the session ends", async () => {
    const { session } = await signUp();

    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);

    const won = answers.filter((answer) => answer.data?.refreshToken).map((answer) => answer.data!.refreshToken);
    const lost = answers.filter((answer) => answer.errors).map((answer) => answer.errors![0]!.message);
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.stringMatching(/^The refresh token was already exchanged/)]);
    await expectRefused(won[0]!.refreshToken, /^The refresh token has been revoked/);
  });

  it("refuses an unknown refresh token with a clear message", async () => {
    await expectRefused("not-a-token-we-issued", /^The refresh token is not valid: sign in again$/);
  });

  it("logs out one session with its refresh token, even once the access token is gone", async () => {
    const { email, session: phone } = await signUp();
    const laptop = await logIn(email);

    const ended = await request(stack.gatewayUrl, LOG_OUT, { refreshToken: phone.refreshToken });
    expect(ended.data).toEqual({ logOut: true });
    await expectRefused(phone.refreshToken, /^The refresh token has been revoked/);
    expect((await request(stack.gatewayUrl, LOG_OUT, { refreshToken: phone.refreshToken })).data).toEqual({ logOut: false });
    expect((await refreshed(laptop.refreshToken)).user.id).toBe(phone.user.id);
  });

  it("logs out every session of the signed-in user when no refresh token is given", async () => {
    const { email, session: phone } = await signUp();
    const laptop = await logIn(email);
    const renewed = await refreshed(laptop.refreshToken);
    const { session: someoneElse } = await signUp();

    const anonymous = await request(stack.gatewayUrl, LOG_OUT, {});
    expect(anonymous.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Sign in/), extensions: { code: "UNAUTHENTICATED" } });
    const ended = await request(stack.gatewayUrl, LOG_OUT, {}, { token: phone.token });
    expect(ended.data).toEqual({ logOut: true });

    await expectRefused(phone.refreshToken, /^The refresh token has been revoked/);
    await expectRefused(renewed.refreshToken, /^The refresh token has been revoked/);
    expect((await refreshed(someoneElse.refreshToken)).user.id).toBe(someoneElse.user.id);
  });

  it("revokes every refresh token of an account whose password changes, and none when nothing changes", async () => {
    await seedUsers(stack.config);
    const before = await logIn(stack.config.admin.email, stack.config.admin.password);
    // Seeding again with the same password changes nothing: the admin stays signed in.
    await seedUsers(stack.config);
    const kept = await refreshed(before.refreshToken);
    expect(kept.user.role).toBe("ADMIN");

    const newPassword = `changed-${crypto.randomUUID()}`;
    await seedUsers({ ...stack.config, admin: { ...stack.config.admin, password: newPassword } });

    await expectRefused(kept.refreshToken, /^The refresh token has been revoked \(signed out, or the password or role changed\)/);
    expect((await logIn(stack.config.admin.email, newPassword)).user.role).toBe("ADMIN");
    await seedUsers(stack.config);
  });

  it("revokes every refresh token of an account whose role changes", async () => {
    // An account that already exists under the admin address is promoted by the seed.
    const { email, session } = await signUp();
    expect(session.user.role).toBe("CUSTOMER");

    await seedUsers({ ...stack.config, admin: { email, password: PASSWORD } });

    await expectRefused(session.refreshToken, /^The refresh token has been revoked/);
    expect((await logIn(email)).user.role).toBe("ADMIN");
  });
});

const clients: Client[] = [];
afterAll(() => {
  for (const client of clients) void client.dispose();
});

/**
 * A graphql-ws client of the gateway that keeps its socket at hand, to renew the token in band as README "Sessions"
 * shows: a `ping` carrying `{ authorization: "Bearer <token>" }`, which the gateway has looked at once its pong arrives.
 */
async function liveSession(token: string) {
  let socket!: WebSocket;
  let onConnected!: () => void;
  let onClosed!: (closed: Closed) => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const pongs: (() => void)[] = [];
  const client = createClient({
    url: stack.gatewayUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    // Closes are what these tests watch (on.closed), not errors to print.
    onNonLazyError: () => {},
    retryAttempts: 0,
    on: {
      connected: (opened) => ((socket = opened as WebSocket), onConnected()),
      pong: () => pongs.shift()?.(),
      closed: (event) => onClosed({ code: (event as Closed).code, reason: String((event as Closed).reason) }),
    },
  });
  clients.push(client);
  await connected;
  return {
    closed,
    /** Sends a renewed token; resolves once the gateway has answered the ping. */
    renew: (renewed: string) =>
      new Promise<void>((resolve) => {
        pongs.push(resolve);
        socket.send(JSON.stringify({ type: "ping", payload: { authorization: `Bearer ${renewed}` } }));
      }),
    /** `{ me { id } }` over the socket. */
    me: () =>
      new Promise<unknown>((resolve, reject) => {
        let result: unknown;
        client.subscribe({ query: `{ me { id } }` }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
      }),
  };
}

describe("WebSocket sessions", () => {
  it("closes a socket when its access token expires, unless the client renewed the token in time", async () => {
    const { session } = await signUp();
    // Both sockets start with a token about to expire; one of them is handed a renewed token before it does.
    const expiring = await signUserToken(stack.config.jwt.secret, { userId: session.user.id, role: "CUSTOMER" }, 3);
    const [kept, dropped] = await Promise.all([liveSession(expiring), liveSession(expiring)]);
    const renewed = await refreshed(session.refreshToken);

    await kept.renew(renewed.token);

    expect(await dropped.closed).toEqual({ code: CloseCode.Forbidden, reason: "The token has expired: sign in again" });
    // Past the first token's expiry, the renewed socket still answers as its account.
    expect(Date.now()).toBeGreaterThanOrEqual(decodeJwt(expiring).exp! * 1000);
    expect(await kept.me()).toEqual({ data: { me: { id: session.user.id } } });
  });

  it("closes the socket at once when the renewed token belongs to another account or is not valid", async () => {
    const { session: owner } = await signUp();
    const { session: other } = await signUp();
    const [borrowed, garbled] = await Promise.all([liveSession(owner.token), liveSession(owner.token)]);

    void borrowed.renew(other.token);
    void garbled.renew("not.a.jwt");

    expect(await borrowed.closed).toEqual({
      code: CloseCode.Forbidden,
      reason: "The new token belongs to another account: reconnect with it",
    });
    expect(await garbled.closed).toEqual({ code: CloseCode.Forbidden, reason: "The token is not valid: sign in again" });
  });
});
