/**
 * An AsyncGenerator made of a `next` and a `close`, for streams that wait for events (subscriptions). Not an
 * `async function*`: a generator queues `return()` behind a pending `next()`, so a subscriber who leaves while no
 * event comes would never be released. Here `return()` and `throw()` close at once, and `throw()` then rethrows.
 */
export function asyncStream<T>(next: () => Promise<IteratorResult<T>>, close: () => unknown): AsyncGenerator<T> {
  const finish = async (): Promise<IteratorResult<T>> => {
    await close();
    return { done: true, value: undefined };
  };
  return {
    next,
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<T>;
}
