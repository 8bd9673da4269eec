import { describe, expect, it } from "vitest";
import { asyncStream } from "./async-stream";

/** A stream whose `next` waits for an event that never comes, until `close` releases it. */
function idleStream() {
  let release: (() => void) | null = null;
  let closed = 0;
  const stream = asyncStream<number>(
    () => new Promise((resolve) => (release = () => resolve({ done: true, value: undefined }))),
    () => {
      closed += 1;
      release?.();
    },
  );
  return { stream, closed: () => closed };
}

describe("asyncStream", () => {
  it("closes at once on return(), even while a next() waits", async () => {
    const { stream, closed } = idleStream();
    const waiting = stream.next();
    await expect(stream.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    expect(closed()).toBe(1);
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
  });

  it("closes and rethrows on throw()", async () => {
    const { stream, closed } = idleStream();
    const failure = new Error("consumer failed");
    await expect(stream.throw(failure)).rejects.toBe(failure);
    expect(closed()).toBe(1);
  });

  it("is its own async iterator", async () => {
    let left = 2;
    const stream = asyncStream<number>(
      async () => (left > 0 ? { done: false, value: left-- } : { done: true, value: undefined }),
      () => {},
    );
    const seen: number[] = [];
    for await (const value of stream) seen.push(value);
    expect(seen).toEqual([2, 1]);
  });
});
