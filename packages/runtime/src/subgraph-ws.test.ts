import { EventEmitter, on, once } from "node:events";
import { parse } from "graphql";
import {
  CloseCode,
  createClient,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  type Client,
  type FormattedExecutionResult,
  type SubscribePayload,
} from "graphql-ws";
import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "./auth";
import { generateInternalKeys } from "./internal-keys";
import { INTERNAL_TOKEN_HEADER, signInternalToken } from "./internal-tokens";
import { createLogger } from "./logger";
import { startSubgraph, type BaseContext, type RunningService } from "./subgraph";
import { TOO_MANY_SUBSCRIPTIONS, type SubscriptionOptions } from "./subgraph-ws";

/** The smallest subgraph that streams: enough to see the runtime's WebSocket rules, none of the shop's. */
const typeDefs = parse(`
  type Query { ping: String! }
  type Subscription {
    "from, from - 1, … 1, then completes."
    countdown(from: Int!): Int!
    "Sends nothing until completed: holds a slot on its connection."
    idle: Int
    "times events, each telling who the subscription runs as and which context resolved it."
    whoAmI(times: Int!): Identity!
  }
  type Identity { userId: String contextId: Int! }
`);

interface TestContext extends BaseContext {
  contextId: number;
}

const resolvers = {
  Query: { ping: () => "pong" },
  Subscription: {
    countdown: {
      subscribe: async function* (_: unknown, { from }: { from: number }) {
        for (let n = from; n > 0; n--) yield n;
      },
      resolve: (n: number) => n,
    },
    // events.on's iterator ends at once when returned, so completing (or closing) never waits on an event.
    idle: { subscribe: () => on(new EventEmitter(), "never"), resolve: () => null },
    whoAmI: {
      subscribe: async function* (_: unknown, { times }: { times: number }) {
        for (let n = 0; n < times; n++) yield n;
      },
      resolve: (_: unknown, __: unknown, context: TestContext) => ({
        userId: context.viewer?.userId ?? null,
        contextId: context.contextId,
      }),
    },
  },
};

const customer: Viewer = { userId: "11111111-1111-4111-8111-111111111111", role: "CUSTOMER" };

const keys = generateInternalKeys();
const running: RunningService[] = [];
const clients: Client[] = [];

async function startTinySubgraph(subscriptions: SubscriptionOptions): Promise<string> {
  let contexts = 0;
  const service = await startSubgraph<TestContext>({
    // Any subgraph's name will do: it is the audience its tokens must name.
    name: "order",
    typeDefs,
    resolvers,
    port: 0,
    host: "127.0.0.1",
    internalKeys: keys,
    production: false,
    log: createLogger("subgraph-ws-test", "silent"),
    createContext: (base) => ({ ...base, contextId: ++contexts }),
    health: async () => undefined,
    subscriptions,
  });
  running.push(service);
  return service.url.replace(/^http/, "ws");
}

/** A graphql-ws client that never retries, so a refusal shows as the close it is. Disposed after each test. */
function connect(url: string, connectionParams?: Record<string, unknown>): Client {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  clients.push(client);
  return client;
}

/** Connects as the gateway does: an internal token in `connectionParams`. */
async function connectAsGateway(url: string): Promise<Client> {
  return connect(url, { [INTERNAL_TOKEN_HEADER]: await signInternalToken(keys, { service: "gateway", audience: "order", viewer: null }) });
}

/** Runs one operation to its end: every result it sent, and the error it ended with, if any. */
function run(
  client: Client,
  payload: SubscribePayload,
): Promise<{ results: FormattedExecutionResult<Record<string, unknown>, unknown>[]; error?: unknown }> {
  return new Promise((resolve) => {
    const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
    client.subscribe(payload, {
      next: (result) => void results.push(result),
      error: (error) => resolve({ results, error }),
      complete: () => resolve({ results }),
    });
  });
}

/** The close code of the client's first connection, opened by starting a subscription. */
function closeCodeOf(client: Client): Promise<number> {
  const closed = new Promise<number>((resolve) => client.on("closed", (event) => resolve((event as { code: number }).code)));
  client.subscribe(
    { query: "subscription { countdown(from: 1) }" },
    { next: () => undefined, error: () => undefined, complete: () => undefined },
  );
  return closed;
}

afterEach(async () => {
  // dispose() returns void or a promise, depending on the socket's state.
  for (const client of clients.splice(0)) await client.dispose();
});

afterAll(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
});

describe("a subgraph serving graphql-ws", () => {
  let url: string;
  beforeAll(async () => {
    url = await startTinySubgraph({ initTimeoutMs: 10_000, maxPerConnection: 2 });
  });

  it("streams a subscription's values to a caller with an internal token, then completes", async () => {
    const client = await connectAsGateway(url);

    const { results, error } = await run(client, { query: "subscription($from: Int!) { countdown(from: $from) }", variables: { from: 3 } });

    expect(error).toBeUndefined();
    expect(results).toEqual([{ data: { countdown: 3 } }, { data: { countdown: 2 } }, { data: { countdown: 1 } }]);
  });

  it.each([
    ["no connectionParams", () => undefined],
    ["a client JWT where the internal token belongs", () => ({ authorization: "Bearer whatever" })],
    [
      "an internal token signed with another key set",
      async () => ({
        [INTERNAL_TOKEN_HEADER]: await signInternalToken(generateInternalKeys(), { service: "gateway", audience: "order", viewer: null }),
      }),
    ],
    [
      "the gateway's internal token for another subgraph",
      async () => ({ [INTERNAL_TOKEN_HEADER]: await signInternalToken(keys, { service: "gateway", audience: "cart", viewer: null }) }),
    ],
    [
      "a sibling's internal token (only the gateway subscribes)",
      async () => ({ [INTERNAL_TOKEN_HEADER]: await signInternalToken(keys, { service: "cart", audience: "order", viewer: null }) }),
    ],
    ["an internal token that is not a string", () => ({ [INTERNAL_TOKEN_HEADER]: 42 })],
  ])("closes a connection with %s with 4403", async (_, params) => {
    const client = connect(url, await params());

    await expect(closeCodeOf(client)).resolves.toBe(CloseCode.Forbidden);
  });

  it("runs a subscription as the viewer of the internal token in its own extensions", async () => {
    const client = await connectAsGateway(url);
    const viewerToken = await signInternalToken(keys, { service: "gateway", audience: "order", viewer: customer });

    const asConnection = await run(client, { query: "subscription { whoAmI(times: 1) { userId } }" });
    const asViewer = await run(client, {
      query: "subscription { whoAmI(times: 1) { userId } }",
      extensions: { [INTERNAL_TOKEN_HEADER]: viewerToken },
    });

    // The gateway's own connection token carries no viewer; each subscribe carries its subscriber's.
    expect(asConnection.results).toEqual([{ data: { whoAmI: { userId: null } } }]);
    expect(asViewer.results).toEqual([{ data: { whoAmI: { userId: customer.userId } } }]);
  });

  it("refuses a subscription whose own internal token is not valid, and keeps the connection", async () => {
    const client = await connectAsGateway(url);
    let connections = 0;
    client.on("connected", () => void connections++);
    const forged = await signInternalToken(generateInternalKeys(), { service: "gateway", audience: "order", viewer: customer });

    const refused = await run(client, { query: "subscription { countdown(from: 1) }", extensions: { [INTERNAL_TOKEN_HEADER]: forged } });
    const next = await run(client, { query: "subscription { countdown(from: 1) }" });

    expect(refused.error).toEqual([
      expect.objectContaining({
        message: "The subscription's internal token is not valid",
        extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }),
      }),
    ]);
    expect(next.results).toEqual([{ data: { countdown: 1 } }]);
    expect(connections).toBe(1);
  });

  it("resolves every event with a fresh context, so no DataLoader cache outlives an event", async () => {
    const client = await connectAsGateway(url);

    const { results } = await run(client, { query: "subscription { whoAmI(times: 3) { contextId } }" });

    const contextIds = results.map((result) => (result.data as { whoAmI: { contextId: number } }).whoAmI.contextId);
    expect(contextIds).toHaveLength(3);
    expect(new Set(contextIds).size).toBe(3);
  });

  it("answers TOO_MANY_SUBSCRIPTIONS beyond the per-connection cap, and frees a slot when one completes", async () => {
    const client = await connectAsGateway(url);
    let connections = 0;
    client.on("connected", () => void connections++);
    const idleErrors: unknown[] = [];
    const sink = { next: () => undefined, error: (error: unknown) => void idleErrors.push(error), complete: () => undefined };
    const first = client.subscribe({ query: "subscription { idle }" }, sink);
    client.subscribe({ query: "subscription { idle }" }, sink);

    const third = await run(client, { query: "subscription { countdown(from: 1) }" });
    first();
    const afterOneCompleted = await run(client, { query: "subscription { countdown(from: 1) }" });

    // The two idle subscriptions were accepted: the cap is the number allowed, not one less.
    expect(idleErrors).toEqual([]);
    expect(third.error).toEqual([expect.objectContaining({ extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: 2 } })]);
    expect(third.results).toEqual([]);
    expect(afterOneCompleted.results).toEqual([{ data: { countdown: 1 } }]);
    // All on one socket: the cap counts operations per connection, not connections.
    expect(connections).toBe(1);
  });

  it("answers a subscription that does not validate with GRAPHQL_VALIDATION_FAILED", async () => {
    const client = await connectAsGateway(url);

    const { error } = await run(client, { query: "subscription { countdown }" });

    expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED" }) })]);
  });

  it("refuses WebSocket upgrades on any path but /graphql", async () => {
    const socket = new WebSocket(url.replace(/\/graphql$/, "/elsewhere"), GRAPHQL_TRANSPORT_WS_PROTOCOL);

    const [error] = (await once(socket, "error")) as [Error];

    expect(error.message).toMatch(/404/);
  });
});

describe("a subgraph waiting for connection_init", () => {
  let url: string;
  beforeAll(async () => {
    url = await startTinySubgraph({ initTimeoutMs: 50 });
  });

  it("closes a socket that never sends connection_init with 4408", async () => {
    const socket = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL);

    const [code] = (await once(socket, "close")) as [number, Buffer];

    expect(code).toBe(CloseCode.ConnectionInitialisationTimeout);
  });
});
