import type { FormattedExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { request } from "./client";

/** How a socket ended, as the client saw it. */
export interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client on the gateway (http URL → ws), authenticated with `token` in connection_init when given. */
export function liveClient(httpUrl: string, token?: string, params?: Record<string, unknown>) {
  let onClosed!: (closed: Closed) => void;
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: params ?? (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => onClosed({ code: (event as Closed).code, reason: String((event as Closed).reason) }) },
  });
  return { client, closed, dispose: () => client.dispose() };
}

/** The results of one subscription, collected as they arrive, with ways to wait for them. */
export class Watch<T = any> {
  readonly values: FormattedExecutionResult<T, unknown>[] = [];
  error: unknown = null;
  completed = false;
  private waiters: (() => void)[] = [];
  private readonly stop: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.stop = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => this.push(() => this.values.push(value)),
        error: (error) => this.push(() => (this.error = error)),
        complete: () => this.push(() => (this.completed = true)),
      },
    );
  }

  private push(change: () => void) {
    change();
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `check` holds (re-checked on every message), or fails after `timeoutMs` with what arrived. */
  async until<R>(check: () => R | undefined | false | null, what: string, timeoutMs = 10_000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify({ values: this.values, error: this.error })}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** Waits for a payload whose data matches `predicate`. */
  next(predicate: (data: T) => boolean, what: string, timeoutMs?: number): Promise<T> {
    return this.until(() => this.values.find((value) => value.data && predicate(value.data))?.data as T, what, timeoutMs);
  }

  /**
   * Waits for the errors that ended the subscription: an `error` message, or a result with errors and no data followed
   * by `complete` (how a refusal by the field's subscribe resolver arrives).
   */
  async failure(timeoutMs?: number): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
    type Errors = { message: string; extensions?: Record<string, unknown> }[];
    return this.until(
      () => {
        if (this.error) return this.error as Errors;
        const refused = this.values.find((value) => !value.data && value.errors?.length);
        return this.completed && refused ? (refused.errors as unknown as Errors) : null;
      },
      "an error",
      timeoutMs,
    );
  }

  dispose() {
    this.stop();
  }
}

const UPDATE_STATUS = `mutation($id: ID!, $status: OrderStatus!, $trackingNumber: String) {
  updateOrderStatus(id: $id, status: $status, trackingNumber: $trackingNumber) { id status trackingNumber timeline { status note } }
}`;

/** `updateOrderStatus` through the gateway; the raw result (data or errors). */
export function updateOrderStatus(url: string, token: string, id: string, status: string, trackingNumber?: string) {
  return request(url, UPDATE_STATUS, { id, status, trackingNumber }, { token });
}

/** Resolves after `ms`. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
