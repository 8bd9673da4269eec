import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from "graphql";
import { asyncStream, inTraceContext, tooManyPendingEvents, type TraceContext, type Viewer } from "@shop/runtime";
import type { SubscriptionPlan } from "./plan";
import type { Upstream } from "./upstream";

/** Runs the plan's per-event query for one entity as the viewer; `version` lets equal events share one fetch. */
export type Refetch = (
  plan: SubscriptionPlan,
  viewer: Viewer | null,
  key: string,
  version: string | null,
) => Promise<FormattedExecutionResult>;

type Pending = { key: string; version: string | null } | { errors: readonly GraphQLFormattedError[] };

export interface StreamLimits {
  /**
   * Entities (and upstream errors) that may wait for their refetch at once: the one per-subscription state that grows
   * with events while a client reads slowly. One more ends the subscription with TOO_MANY_PENDING_EVENTS.
   */
  maxPending: number;
  /** Called once when the stream ends, however it ends (the caller's per-account slot). */
  onEnd?: () => void;
}

/**
 * One client subscription: upstream events (entity keys) in, the client's whole selection out, resolved through the
 * supergraph for every event as the subscriber. Events that arrive while a fetch runs are coalesced per entity (the
 * next fetch reads the latest state anyway). Per-event authorization: when the subscriber may no longer see the
 * entity (the query answers null without errors), the subscription ends with FORBIDDEN. Each event's fetch joins
 * the trace the subscription started in (`trace`). Coalescing bounds one entity's events; `limits.maxPending` bounds
 * how many entities wait (every order of a busy account, a slow client).
 */
export function subscriptionStream(
  plan: SubscriptionPlan,
  viewer: Viewer | null,
  upstream: Pick<Upstream, "follow">,
  refetch: Refetch,
  trace: TraceContext,
  limits: StreamLimits,
): AsyncGenerator<FormattedExecutionResult> {
  const pending = new Map<string, Pending>();
  let ended: { errors?: readonly GraphQLFormattedError[]; overflow?: true } | null = null;
  let wake: (() => void) | null = null;
  let failures = 0;
  const notify = () => {
    const waiter = wake;
    wake = null;
    waiter?.();
  };
  /** Queues an entity or an error; past the bound the subscription ends instead, and nothing more is kept. */
  const enqueue = (id: string, item: Pending) => {
    if (ended) return;
    if (!pending.has(id) && pending.size >= limits.maxPending) {
      ended = { overflow: true };
      stop();
      pending.clear();
    } else {
      pending.delete(id);
      pending.set(id, item);
    }
    notify();
  };

  const stop = upstream.follow(
    plan.upstream.query,
    plan.upstream.variables,
    plan.fieldName,
    viewer,
    {
      next: (value, errors) => {
        const key = keyOf(plan, value);
        if (key !== null) {
          const stamp = plan.field.versionField ? value?.[plan.field.versionField] : undefined;
          const version = typeof stamp === "string" && stamp !== "" ? stamp : null;
          enqueue(key, { key, version });
        } else if (errors?.length) {
          enqueue(`errors:${failures++}`, { errors });
        }
      },
      error: (errors) => {
        ended = { errors };
        notify();
      },
      complete: () => {
        ended = {};
        notify();
      },
    },
    plan.field.startsWithState ? (value) => keyOf(plan, value) : undefined,
    plan.upstream.resume,
  );

  let onEnd = limits.onEnd;
  const finish = () => {
    ended ??= {};
    stop();
    pending.clear();
    notify();
    onEnd?.();
    onEnd = undefined;
  };

  const next = async (): Promise<IteratorResult<FormattedExecutionResult>> => {
    for (;;) {
      const first = pending.entries().next();
      if (!first.done) {
        pending.delete(first.value[0]);
        const item = first.value[1];
        if ("errors" in item) return { done: false, value: { data: null, errors: item.errors } };
        const result = await inTraceContext(trace, () => refetch(plan, viewer, item.key, item.version));
        const data = result.data?.[plan.responseKey];
        if (data === null && !result.errors?.length) {
          finish();
          throw new GraphQLError(`You may no longer follow ${item.key}`, { extensions: { code: "FORBIDDEN" } });
        }
        return { done: false, value: data === null ? { data: null, errors: result.errors } : result };
      }
      if (ended) {
        const { errors, overflow } = ended;
        finish();
        if (overflow) throw tooManyPendingEvents(limits.maxPending);
        if (errors?.length) throw toGraphQLError(errors);
        return { done: true, value: undefined };
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  return asyncStream(next, finish);
}

/** The entity key an upstream event carries, at the field's key path (`id`, `product { id }`); null when none. */
export function keyOf(plan: Pick<SubscriptionPlan, "field">, value: Record<string, unknown> | null): string | null {
  let at: unknown = value;
  for (const name of plan.field.keyPath) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[name] : undefined;
  return typeof at === "string" ? at : null;
}

/** graphql-ws sends one error for a failed stream: keep the subgraph's first message and code. */
function toGraphQLError(errors: readonly GraphQLFormattedError[]): GraphQLError {
  const [first] = errors;
  return new GraphQLError(first?.message ?? "The subscription failed", {
    extensions: first?.extensions ?? { code: "INTERNAL_SERVER_ERROR" },
  });
}
