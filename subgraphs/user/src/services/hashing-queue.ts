import pLimit from "p-limit";

/** Thrown by a full queue's `run`: the caller is refused at once instead of waiting behind everyone else. */
export class QueueFullError extends Error {
  override readonly name = "QueueFullError";
}

export interface BoundedQueue {
  /** Runs `task` when a slot is free; throws QueueFullError at once when `concurrency + limit` tasks are already in. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now and tasks waiting for a slot. */
  readonly size: { running: number; waiting: number };
  /** How many tasks it holds at most, running and waiting: `concurrency + limit`. */
  readonly capacity: number;
}

/**
 * At most `concurrency` tasks at a time (p-limit) and at most `limit` more waiting; past that, `run` refuses. What a
 * request waits is then bounded by (limit / concurrency + 1) task lengths, however many arrive.
 */
export function createBoundedQueue(options: { concurrency: number; limit: number }): BoundedQueue {
  const slots = pLimit(options.concurrency);
  const capacity = options.concurrency + options.limit;
  return {
    run: (task) => {
      // A task just handed to p-limit counts as pending until it starts: the sum is what is in, either way.
      if (slots.activeCount + slots.pendingCount >= capacity) return Promise.reject(new QueueFullError("the queue is full"));
      return slots(task);
    },
    get size() {
      return { running: slots.activeCount, waiting: slots.pendingCount };
    },
    capacity,
  };
}
