import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from "graphql";
import { asyncStream, inTraceContext, type TraceContext, type Viewer } from "@shop/runtime";
import type { SubscriptionPlan } from "./plan";
import type { Upstream } from "./upstream";

/** Runs the plan's per-event query for one entity as the viewer; `version` lets equal events share one fetch. */
export type Refetch = (plan: SubscriptionPlan, viewer: Viewer, key: string, version: string | null) => Promise<FormattedExecutionResult>;

type Pending = { key: string; version: string | null } | { errors: readonly GraphQLFormattedError[] };

/**
 * One client subscription: upstream events (entity keys) in, the client's whole selection out, resolved through the
 * supergraph for every event as the subscriber. Events that arrive while a fetch runs are coalesced per entity (the
 * next fetch reads the latest state anyway). Per-event authorization: when the subscriber may no longer see the
 * entity (the query answers null without errors), the subscription ends with FORBIDDEN. Each event's fetch joins
 * the trace the subscription started in (`trace`).
 */
export function subscriptionStream(
  plan: SubscriptionPlan,
  viewer: Viewer,
  upstream: Upstream,
  refetch: Refetch,
  trace: TraceContext,
): AsyncGenerator<FormattedExecutionResult> {
  const pending = new Map<string, Pending>();
  let ended: { errors?: readonly GraphQLFormattedError[] } | null = null;
  let wake: (() => void) | null = null;
  let failures = 0;
  const notify = () => {
    const waiter = wake;
    wake = null;
    waiter?.();
  };

  const stop = upstream.follow(
    plan.upstream.query,
    plan.upstream.variables,
    plan.fieldName,
    viewer,
    {
      next: (value, errors) => {
        const key = value?.[plan.field.keyArgument];
        if (typeof key === "string") {
          const stamp = plan.field.versionField ? value?.[plan.field.versionField] : undefined;
          const version = typeof stamp === "string" && stamp !== "" ? stamp : null;
          pending.delete(key);
          pending.set(key, { key, version });
        } else if (errors?.length) {
          pending.set(`errors:${failures++}`, { errors });
        }
        notify();
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
    plan.field.startsWithState,
    plan.upstream.resume,
  );

  const finish = () => {
    ended ??= {};
    stop();
    pending.clear();
    notify();
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
        const { errors } = ended;
        finish();
        if (errors?.length) throw toGraphQLError(errors);
        return { done: true, value: undefined };
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  return asyncStream(next, finish);
}

/** graphql-ws sends one error for a failed stream: keep the subgraph's first message and code. */
function toGraphQLError(errors: readonly GraphQLFormattedError[]): GraphQLError {
  const [first] = errors;
  return new GraphQLError(first?.message ?? "The subscription failed", {
    extensions: first?.extensions ?? { code: "INTERNAL_SERVER_ERROR" },
  });
}
