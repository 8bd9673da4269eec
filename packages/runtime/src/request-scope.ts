import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Which request a piece of work belongs to, wherever it runs: every log line carries it (logger.ts), and every
 * subgraph fetch passes it on (subgraph-http.ts), so the lines of one client request can be found in all six services.
 *
 * - `requestId`: the client's `x-request-id` when it sent a usable one, otherwise a new UUID; answered in the response's
 *   `x-request-id` by the gateway.
 * - `traceId`: the W3C trace context's trace id (`traceparent`), taken from the caller or started here; each hop sends
 *   it on with a span id of its own.
 */
export interface RequestScope {
  requestId: string;
  traceId: string;
  /** The GraphQL operation the request ran and the codes of its errors, noted for its access line (access-log.ts). */
  operation?: { name: string | null; errorCodes: string[] };
}

export const REQUEST_ID_HEADER = "x-request-id";
export const TRACEPARENT_HEADER = "traceparent";

const storage = new AsyncLocalStorage<RequestScope>();
/** Printable, short and free of separators: a client's own id is kept only when it can do no harm in a log. */
const USABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;
/** version 00, a 32-hex trace id, a 16-hex parent id, flags; an all-zero id is invalid (W3C Trace Context). */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The scope of an incoming request, from its headers. */
export function scopeOf(headers: IncomingHttpHeaders): RequestScope {
  const requestId = single(headers[REQUEST_ID_HEADER]);
  const trace = TRACEPARENT.exec(single(headers[TRACEPARENT_HEADER]) ?? "");
  const traceId = trace && !/^0+$/.test(trace[1]!) && !/^0+$/.test(trace[2]!) ? trace[1]! : randomBytes(16).toString("hex");
  return { requestId: requestId && USABLE_REQUEST_ID.test(requestId) ? requestId : randomUUID(), traceId };
}

/** Runs `work` (and everything it starts) in `scope`. */
export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the work running now; undefined outside any request (startup, background jobs). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** The headers that carry the current scope to a subgraph; none outside a request. */
export function scopeHeaders(): Record<string, string> {
  const scope = storage.getStore();
  if (!scope) return {};
  return {
    [REQUEST_ID_HEADER]: scope.requestId,
    [TRACEPARENT_HEADER]: `00-${scope.traceId}-${randomBytes(8).toString("hex")}-01`,
  };
}
