import { describe, expect, it } from "vitest";
import { createBoundedQueue, QueueFullError } from "./hashing-queue";

/** A task that runs until the test lets it finish. */
function held<T>(value: T) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  return {
    task: async () => {
      started = true;
      await gate;
      return value;
    },
    release,
    get started() {
      return started;
    },
  };
}

describe("createBoundedQueue", () => {
  it("runs `concurrency` tasks at once and keeps up to `limit` more waiting, in order", async () => {
    const queue = createBoundedQueue({ concurrency: 2, limit: 1 });
    const [a, b, c] = [held("a"), held("b"), held("c")];
    const results = [queue.run(a.task), queue.run(b.task), queue.run(c.task)];
    await new Promise((resolve) => setImmediate(resolve));

    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    expect(queue.size).toEqual({ running: 2, waiting: 1 });
    a.release();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(c.started).toBe(true);
    b.release();
    c.release();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses at once, without running the task, when running and waiting tasks fill it", async () => {
    const queue = createBoundedQueue({ concurrency: 1, limit: 1 });
    expect(queue.capacity).toBe(2);
    const [a, b] = [held(1), held(2)];
    const accepted = [queue.run(a.task), queue.run(b.task)];
    let ranRefused = false;

    await expect(queue.run(async () => (ranRefused = true))).rejects.toBeInstanceOf(QueueFullError);
    expect(ranRefused).toBe(false);
    a.release();
    b.release();
    expect(await Promise.all(accepted)).toEqual([1, 2]);
    // Room again once they are done.
    expect(await queue.run(async () => "again")).toBe("again");
  });

  it("with no waiting room, refuses anything beyond the running tasks", async () => {
    const queue = createBoundedQueue({ concurrency: 2, limit: 0 });
    const [a, b] = [held(1), held(2)];
    const accepted = [queue.run(a.task), queue.run(b.task)];

    await expect(queue.run(async () => 3)).rejects.toBeInstanceOf(QueueFullError);
    a.release();
    b.release();
    await Promise.all(accepted);
  });

  it("frees a slot when a task fails", async () => {
    const queue = createBoundedQueue({ concurrency: 1, limit: 0 });

    await expect(queue.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await queue.run(async () => "next")).toBe("next");
  });
});
