import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { startUserSubgraph } from "@shop/user";
import { signUserToken, SUBGRAPHS } from "@shop/runtime";
import { customer, subgraphOf, testConfig, type Started } from "@shop/runtime/testing";
import { startGatewayProcess } from "./support/gateway-process";
import { ADDRESS } from "./support/shop";
import { startStack, type Stack } from "./support/stack";

/**
 * Rate limits through the real gateway, subgraphs, PostgreSQL and Redis (README "Rate limits"). Each stack lowers the
 * limits it checks (test stacks raise them out of reach otherwise, testConfig) and counts under a key prefix of its own.
 *
 * "proxied" trusts 127.0.0.1 as a proxy, so each test's clients come from addresses of their own through
 * X-Forwarded-For; "direct" trusts nobody, as a gateway facing the internet does.
 */

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;
const SIGN_UP_SESSION = `mutation($input: SignUpInput!) { signUp(input: $input) { refreshToken } }`;
const REFRESH = `mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { refreshToken } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename } }`;
const PASSWORD = "the right password";

interface Answer {
  status: number;
  /** The Retry-After header, when there is one. */
  retryAfter: string | null;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** POSTs one operation to a gateway with `headers` (X-Forwarded-For…), keeping the status and Retry-After. */
async function send(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...((await response.json()) as object) } as Answer;
}

/** The outcome in one word per answer: a data answer's root typename / "ok", or the error's code. */
function outcome(answer: Answer): string {
  return answer.errors?.[0]?.extensions?.code ?? "ok";
}

/** Asserts a whole-request refusal: HTTP 429, Retry-After equal to the RATE_LIMITED error's retryAfter (whole seconds). */
function expectRefused(answer: Answer, maxSeconds: number) {
  expect(answer.status).toBe(429);
  expect(answer.errors).toHaveLength(1);
  const error = answer.errors![0]!;
  expect(error.extensions?.code).toBe("RATE_LIMITED");
  const retryAfter = error.extensions?.retryAfter as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(answer.retryAfter).toBe(String(retryAfter));
  expect(answer.data ?? null).toBeNull();
}

let lastOctet = 0;
/** A client address no other test of this file uses (documentation ranges), sent as X-Forwarded-For. */
function newClient(): Record<string, string> {
  lastOctet++;
  return { "x-forwarded-for": `198.51.${100 + Math.floor(lastOctet / 250)}.${lastOctet % 250}` };
}

const unique = (name: string) => `${name}-${crypto.randomUUID()}@example.com`;

async function signUp(stack: Stack, from: Record<string, string>, email = unique("customer")) {
  const answer = await send(stack.gatewayUrl, SIGN_UP, { input: { email, password: PASSWORD, name: "Customer" } }, from);
  expect(answer.errors).toBeUndefined();
  return { email, id: answer.data!.signUp.user.id as string };
}

describe("behind a trusted proxy", () => {
  const config = testConfig();
  config.trustedProxies = ["127.0.0.1"];
  Object.assign(config.rateLimits, {
    requestsPerMinute: 20,
    loginPerAccountIp: 3,
    loginPerIp: 6,
    signUpPerIp: 3,
    checkoutPerAccount: 2,
    wsConnectionsPerIp: 3,
    refreshPerIp: 3,
  });
  config.passwordHashQueueLimit = 2;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(config, SUBGRAPHS, { gateway: true });
  });
  afterAll(() => stack?.stop());

  it("refuses a bot hammering logIn from one address, while a customer at another address signs in", async () => {
    const shopper = newClient();
    const bot = newClient();
    const victim = await signUp(stack, shopper);
    const guess = (email: string) => send(stack.gatewayUrl, LOG_IN, { email, password: "wrong guess" }, bot);

    // 3 guesses per account and address, then refused; 6 per address whatever the account, then refused.
    const onVictim = [];
    for (let attempt = 0; attempt < 4; attempt++) onVictim.push(await guess(victim.email));
    expect(onVictim.map(outcome)).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
    expectRefused(onVictim[3]!, 15 * 60);
    const stuffing = [];
    for (let attempt = 0; attempt < 3; attempt++) stuffing.push(await guess(unique("someone")));
    expect(stuffing.map(outcome)).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
    expectRefused(stuffing[2]!, 15 * 60);
    // Refused before the password is looked at: the right one does not get through from there either.
    expect(outcome(await send(stack.gatewayUrl, LOG_IN, { email: victim.email, password: PASSWORD }, bot))).toBe("RATE_LIMITED");

    const signedIn = await send(stack.gatewayUrl, LOG_IN, { email: victim.email, password: PASSWORD }, shopper);
    expect(signedIn.status).toBe(200);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.logIn.user.id).toBe(victim.id);
  });

  it("starts an account's count again after it signs in, so earlier typos do not lock it out", async () => {
    const from = newClient();
    const { email } = await signUp(stack, from);
    const attempt = (password: string) => send(stack.gatewayUrl, LOG_IN, { email, password }, from).then(outcome);

    expect([await attempt("typo one"), await attempt("typo two"), await attempt(PASSWORD)]).toEqual([
      "UNAUTHENTICATED",
      "UNAUTHENTICATED",
      "ok",
    ]);
    expect([await attempt("typo three"), await attempt("typo four"), await attempt(PASSWORD)]).toEqual([
      "UNAUTHENTICATED",
      "UNAUTHENTICATED",
      "ok",
    ]);
  });

  it("refuses signUp past its limit per address", async () => {
    const from = newClient();
    for (let account = 0; account < 3; account++) await signUp(stack, from);

    const refused = await send(stack.gatewayUrl, SIGN_UP, { input: { email: unique("fourth"), password: PASSWORD, name: "Fourth" } }, from);

    expectRefused(refused, 60 * 60);
    await signUp(stack, newClient());
  });

  it("refuses refreshToken past its limit per address, while a customer at another address refreshes", async () => {
    const bot = newClient();
    const guesses = [];
    for (let attempt = 0; attempt < 4; attempt++)
      guesses.push(await send(stack.gatewayUrl, REFRESH, { refreshToken: `guess-${attempt}` }, bot));
    expect(guesses.map(outcome)).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
    expectRefused(guesses[3]!, 15 * 60);

    const shopper = newClient();
    const { refreshToken } = (
      await send(stack.gatewayUrl, SIGN_UP_SESSION, { input: { email: unique("refresh"), password: PASSWORD, name: "C" } }, shopper)
    ).data!.signUp as { refreshToken: string };
    const renewed = await send(stack.gatewayUrl, REFRESH, { refreshToken }, shopper);
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data!.refreshToken.refreshToken).toEqual(expect.any(String));
  });

  it("does not let a client name its own address to the subgraphs", async () => {
    const from = newClient();
    const answers = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      // A fresh account each time, so only the per-address limit can refuse; the header names a fresh address each time.
      const spoofed = { ...from, "x-shop-client-ip": `203.0.113.${attempt + 1}` };
      answers.push(await send(stack.gatewayUrl, LOG_IN, { email: unique("spoof"), password: "guess" }, spoofed));
    }

    expect(answers.map(outcome)).toEqual([...Array<string>(6).fill("UNAUTHENTICATED"), "RATE_LIMITED"]);
  });

  it("answers HTTP 429 with Retry-After once an address spends its request budget, before reading the request", async () => {
    const from = newClient();
    const answers = [];
    for (let call = 0; call < 20; call++) answers.push(await send(stack.gatewayUrl, `{ __typename }`, {}, from));
    expect(answers.map((answer) => answer.status)).toEqual(Array<number>(20).fill(200));

    const refused = await send(stack.gatewayUrl, `{ __typename }`, {}, from);

    expectRefused(refused, 60);
    expect(refused.errors![0]!.message).toBe("Too many requests from this address: retry later");
    // Not even parsed: an unreadable body from that address is refused the same way.
    const unreadable = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...from },
      body: "{",
    });
    expect(unreadable.status).toBe(429);
    expect((await send(stack.gatewayUrl, `{ __typename }`, {}, newClient())).status).toBe(200);
  });

  it("shares every limit between two gateway processes", async () => {
    const second = await startGatewayProcess(stack);
    try {
      const gateways = [stack.gatewayUrl, second.url];
      const from = newClient();
      const { email } = await signUp(stack, newClient());
      const guesses = [];
      for (let attempt = 0; attempt < 4; attempt++)
        guesses.push(await send(gateways[attempt % 2]!, LOG_IN, { email, password: "wrong guess" }, from));
      expect(guesses.map(outcome)).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
      expectRefused(guesses[3]!, 15 * 60);

      const reader = newClient();
      const statuses = [];
      for (let call = 0; call < 20; call++) statuses.push((await send(gateways[call % 2]!, `{ __typename }`, {}, reader)).status);
      expect(statuses).toEqual(Array<number>(20).fill(200));
      expectRefused(await send(gateways[0]!, `{ __typename }`, {}, reader), 60);
      expectRefused(await send(gateways[1]!, `{ __typename }`, {}, reader), 60);
    } finally {
      await second.stop();
    }
  });

  it("refuses new WebSocket connections from an address past its limit with HTTP 429 and Retry-After", async () => {
    const from = newClient();
    const open: WebSocket[] = [];
    try {
      for (let socket = 0; socket < 3; socket++) {
        const outcome = await connect(stack.gatewayUrl, from);
        expect(outcome.kind).toBe("open");
        if (outcome.kind === "open") open.push(outcome.socket);
      }

      const refused = await connect(stack.gatewayUrl, from);

      expect(refused.kind).toBe("refused");
      if (refused.kind !== "refused") return;
      expect(refused.status).toBe(429);
      const error = (refused.body as Answer).errors![0]!;
      expect(error.extensions).toMatchObject({ code: "RATE_LIMITED" });
      expect(refused.retryAfter).toBe(String(error.extensions!.retryAfter));
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      const elsewhere = await connect(stack.gatewayUrl, newClient());
      expect(elsewhere.kind).toBe("open");
      if (elsewhere.kind === "open") open.push(elsewhere.socket);
    } finally {
      for (const socket of open) socket.close();
    }
  });

  it("refuses checkout past its limit per account, whatever the address, and not other accounts", async () => {
    const token = await signUserToken(stack.config.jwt.secret, customer(), 300);
    const other = await signUserToken(stack.config.jwt.secret, customer(), 300);
    const checkOut = (bearer: string, from: Record<string, string>) =>
      send(
        stack.gatewayUrl,
        CHECKOUT,
        { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
        { ...from, authorization: `Bearer ${bearer}` },
      );

    const first = await checkOut(token, newClient());
    const second = await checkOut(token, newClient());
    const third = await checkOut(token, newClient());

    // The cart is empty: the saga answers so, which is enough to see that the call went through.
    expect([first, second].map((answer) => answer.data?.checkout?.__typename)).toEqual(["EmptyCartError", "EmptyCartError"]);
    expectRefused(third, 10 * 60);
    expect((await checkOut(other, newClient())).data?.checkout?.__typename).toBe("EmptyCartError");
  });

  it("refuses logIn and signUp at once with RATE_LIMITED while the password hashing queue is full", async () => {
    const from = newClient();
    const { email } = await signUp(stack, from);
    const { queue } = subgraphOf<Started<typeof startUserSubgraph>>(stack, "user").passwords;
    // Fill every hashing slot and the waiting room, as a burst of sign-ins would, with work that ends when we say so.
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const held = Array.from({ length: queue.capacity }, () => queue.run(() => busy));
    try {
      expect(queue.size.running + queue.size.waiting).toBe(queue.capacity);

      const logIn = await send(stack.gatewayUrl, LOG_IN, { email, password: PASSWORD }, from);
      const signUpAnswer = await send(
        stack.gatewayUrl,
        SIGN_UP,
        { input: { email: unique("busy"), password: PASSWORD, name: "Busy" } },
        from,
      );

      // Answered while every slot is still held: neither waited for one.
      for (const answer of [logIn, signUpAnswer]) {
        expectRefused(answer, 1);
        expect(answer.errors![0]!.message).toBe("Too many sign-ins at this moment: retry shortly");
      }
    } finally {
      release();
      await Promise.all(held);
    }
    const afterwards = await send(stack.gatewayUrl, LOG_IN, { email, password: PASSWORD }, from);
    expect(afterwards.errors).toBeUndefined();
    expect(afterwards.data!.logIn.token).toEqual(expect.any(String));
  });
});

describe("facing clients directly (no trusted proxy)", () => {
  const config = testConfig();
  Object.assign(config.rateLimits, { loginPerIp: 3 });
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(config, ["user"], { gateway: true });
  });
  afterAll(() => stack?.stop());

  it("ignores X-Forwarded-For from an untrusted peer: every attempt counts against the socket's address", async () => {
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      // A bot rotating the address it claims, and the header the gateway uses inside the stack.
      const claims = { ...newClient(), "x-shop-client-ip": `203.0.113.${attempt + 1}` };
      answers.push(await send(stack.gatewayUrl, LOG_IN, { email: unique("rotating"), password: "guess" }, claims));
    }

    expect(answers.map(outcome)).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
    expectRefused(answers[3]!, 15 * 60);
  });
});

type Connection =
  | { kind: "open"; socket: WebSocket }
  | { kind: "refused"; status: number; retryAfter: string | undefined; body: unknown }
  | { kind: "failed"; error: Error };

/** Opens a graphql-ws socket on the gateway from `headers`' address: open, refused with an HTTP answer, or failed. */
function connect(httpUrl: string, headers: Record<string, string>): Promise<Connection> {
  return new Promise((resolve) => {
    const socket = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws", { headers });
    socket.once("open", () => resolve({ kind: "open", socket }));
    socket.once("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        const retryAfter = response.headers["retry-after"];
        resolve({
          kind: "refused",
          status: response.statusCode ?? 0,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          body: JSON.parse(body) as unknown,
        });
      });
    });
    socket.once("error", (error) => resolve({ kind: "failed", error }));
  });
}
