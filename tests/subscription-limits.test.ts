import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startGateway } from "@shop/gateway";
import { testConfig } from "@shop/runtime/testing";
import { signUpCustomer } from "./support/shop";
import { startStack, type Stack } from "./support/stack";
import { liveClient, Watch } from "./support/subscriptions";

const PER_USER = 3;
const PER_IP = 3;
let stack: Stack;
const disposals: (() => unknown)[] = [];

beforeAll(async () => {
  const config = testConfig();
  config.subscriptions = { ...config.subscriptions, maxPerUser: PER_USER };
  stack = await startStack(config, ["user", "order"], { gateway: true });
}, 60_000);
afterAll(async () => {
  for (const dispose of disposals.reverse()) await dispose();
  await stack.stop();
});

/** A graphql-ws client of `url` for `token`, disposed after the run. */
function connect(token: string, url = stack.gatewayUrl) {
  const live = liveClient(url, token);
  disposals.push(() => live.dispose());
  return live.client;
}

const MY_ORDER_UPDATES = `subscription { myOrderUpdates { id status } }`;

/**
 * Waits until every subscribe sent on `client` before it has been looked at: graphql-ws hands a connection's messages
 * to the server in order, and the limits are checked as each arrives, so a later query's answer is the barrier.
 */
async function settled(client: ReturnType<typeof connect>) {
  const barrier = new Watch<{ __typename: string }>(client, `{ __typename }`);
  await barrier.next(() => true, "the barrier query");
}

describe("subscriptions per account", () => {
  it(`refuses subscription ${PER_USER + 1} of one account over all its sockets, lets others in, and frees a slot`, async () => {
    const customer = await signUpCustomer(stack, "Busy");
    const [first, second, third] = [connect(customer.token), connect(customer.token), connect(customer.token)];
    const held = [new Watch(first, MY_ORDER_UPDATES), new Watch(first, MY_ORDER_UPDATES), new Watch(second, MY_ORDER_UPDATES)];
    await Promise.all([settled(first), settled(second)]);
    const extra = new Watch(third, MY_ORDER_UPDATES);
    const [error] = await extra.failure();
    expect(error).toMatchObject({
      message: `This account already runs ${PER_USER} subscriptions, the most allowed: complete one first`,
      extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: PER_USER },
    });
    expect(held.every((watch) => watch.error === null && !watch.completed)).toBe(true);

    // Queries over the socket are not subscriptions: they still run.
    await settled(third);
    // Another account has slots of its own.
    const other = await signUpCustomer(stack, "Other");
    const others = connect(other.token);
    const theirs = new Watch(others, MY_ORDER_UPDATES);
    await settled(others);
    expect(theirs.error).toBeNull();

    held[0]!.dispose();
    await settled(first);
    const replacement = new Watch(third, MY_ORDER_UPDATES);
    await settled(third);
    expect(replacement.error).toBeNull();
    const over = new Watch(third, MY_ORDER_UPDATES);
    expect((await over.failure())[0]?.extensions).toMatchObject({ code: "TOO_MANY_SUBSCRIPTIONS" });
  });

  it("frees an account's slots when its socket closes", async () => {
    const customer = await signUpCustomer(stack, "Leaving");
    const live = liveClient(stack.gatewayUrl, customer.token);
    for (let i = 0; i < PER_USER; i++) new Watch(live.client, MY_ORDER_UPDATES);
    await settled(live.client);
    await live.dispose();
    await live.closed;
    const again = connect(customer.token);
    // The old socket's subscriptions end as the server sees it close, a moment after the client does.
    await waitFor(async () => {
      const watches = Array.from({ length: PER_USER }, () => new Watch(again, MY_ORDER_UPDATES));
      await settled(again);
      if (watches.every((watch) => watch.error === null)) return true;
      watches.forEach((watch) => watch.dispose());
      return false;
    }, "the slots of a closed socket to be freed");
  });
});

describe("WebSockets per client address", () => {
  it(`answers socket ${PER_IP + 1} from one address with 429 TOO_MANY_CONNECTIONS, and takes one again once one closes`, async () => {
    const gateway = await startGateway({
      ...stack.config,
      gatewayPort: 0,
      subscriptions: { ...stack.config.subscriptions, maxSocketsPerIp: PER_IP },
    });
    disposals.push(() => gateway.stop());
    const url = gateway.url.replace(/^http/, "ws");
    const open = await Promise.all(Array.from({ length: PER_IP }, () => opened(url)));
    const refused = await opened(url).catch((error: unknown) => error as Refused);
    expect(refused).toMatchObject({ status: 429 });
    expect((refused as Refused).body.errors[0]).toEqual({
      message: `This address already holds ${PER_IP} open WebSockets, the most allowed: close one first`,
      extensions: { code: "TOO_MANY_CONNECTIONS", limit: PER_IP },
    });
    const closing = open.pop()!;
    await new Promise((resolve) => (closing.once("close", resolve), closing.close()));
    const again = await waitFor(() => opened(url).catch(() => null), "a socket slot to be freed");
    for (const socket of [...open, again]) socket.close();
  });
});

/** An upgrade answered with an HTTP status instead of a WebSocket. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: { errors: { message: string; extensions: Record<string, unknown> }[] },
  ) {
    super(`WebSocket refused with ${status}`);
  }
}

/** A raw WebSocket on `url` once open; an upgrade answered with an HTTP status instead rejects with it and its body. */
function opened(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "graphql-transport-ws");
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => reject(new Refused(res.statusCode ?? 0, JSON.parse(body) as Refused["body"])));
    });
    socket.once("error", reject);
  });
}

/** Retries `attempt` until it answers something truthy, for at most five seconds. */
async function waitFor<T>(attempt: () => Promise<T | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const result = await attempt();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
