import { getOperationAST, parse, type FormattedExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { extractTraceContext, type Viewer } from "@shop/runtime";
import { readSupergraph } from "../supergraph";
import { subscriptionFieldsOf } from "./live-fields";
import { planSubscription } from "./plan";
import { keyOf, subscriptionStream, type Refetch } from "./stream";
import type { UpstreamSink } from "./upstream";

const viewer: Viewer = { userId: "00000000-0000-4000-8000-000000000001", role: "CUSTOMER" };
const document = parse(`subscription { myOrderUpdates { id status } }`);
const plan = planSubscription(document, getOperationAST(document)!, {}, subscriptionFieldsOf(readSupergraph()));
const trace = extractTraceContext(undefined);

/**
 * The order subgraph's side of one subscription, in memory: the test pushes entity keys as events would arrive.
 * `stopped` says whether the stream let go of it.
 */
function upstreamFeed() {
  let sink!: UpstreamSink;
  const feed = {
    stopped: false,
    follow: (_query: string, _variables: Record<string, unknown>, _field: string, _viewer: Viewer, given: UpstreamSink) => {
      sink = given;
      return () => void (feed.stopped = true);
    },
    push: (id: string) => sink.next({ __typename: "Order", id, updatedAt: `v-${id}` }),
  };
  return feed;
}

/** A refetch that answers only when the test lets it, as a slow supergraph (or a slow client) would. */
function heldRefetch() {
  const waiting: (() => void)[] = [];
  const refetch: Refetch = (_plan, _viewer, key) =>
    new Promise<FormattedExecutionResult>((resolve) => waiting.push(() => resolve({ data: { myOrderUpdates: { id: key } } })));
  return { refetch, release: () => waiting.splice(0).forEach((answer) => answer()) };
}

describe("subscriptionStream's pending events", () => {
  it("coalesces events of one entity, so one order changing often keeps one entry", async () => {
    const feed = upstreamFeed();
    const held = heldRefetch();
    const stream = subscriptionStream(plan, viewer, feed, held.refetch, trace, { maxPending: 2 });
    const first = stream.next();
    feed.push("o-1");
    await Promise.resolve();
    for (let i = 0; i < 50; i++) feed.push("o-2");
    feed.push("o-3");
    held.release();
    expect((await first).value).toEqual({ data: { myOrderUpdates: { id: "o-1" } } });
    const second = stream.next();
    await Promise.resolve();
    held.release();
    expect((await second).value).toEqual({ data: { myOrderUpdates: { id: "o-2" } } });
    expect(feed.stopped).toBe(false);
    await stream.return(undefined);
    expect(feed.stopped).toBe(true);
  });

  it("ends the subscription with TOO_MANY_PENDING_EVENTS when more entities wait than allowed, keeping none", async () => {
    const feed = upstreamFeed();
    const held = heldRefetch();
    let ended = 0;
    const stream = subscriptionStream(plan, viewer, feed, held.refetch, trace, { maxPending: 3, onEnd: () => ended++ });
    const first = stream.next();
    feed.push("o-0");
    await Promise.resolve();
    // o-0 is being fetched; three more wait; the fourth is one too many.
    for (let i = 1; i <= 4; i++) feed.push(`o-${i}`);
    expect(feed.stopped).toBe(true);
    held.release();
    expect((await first).value).toEqual({ data: { myOrderUpdates: { id: "o-0" } } });
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: "TOO_MANY_PENDING_EVENTS", limit: 3 } });
    feed.push("o-5");
    expect(ended).toBe(1);
    await stream.return(undefined);
    expect(ended).toBe(1);
  });
});

describe("keyOf", () => {
  it("reads the key at the field's path, and null where an event carries none", () => {
    const byPath = { field: { ...plan.field, keyPath: ["product", "id"] } };
    expect(keyOf(byPath, { __typename: "Inventory", product: { id: "p-1" } })).toBe("p-1");
    expect(keyOf(byPath, { __typename: "Inventory", product: null })).toBeNull();
    expect(keyOf(byPath, null)).toBeNull();
    expect(keyOf(plan, { __typename: "Order", id: "o-1" })).toBe("o-1");
  });
});
