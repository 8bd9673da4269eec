import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Which request a piece of work belongs to, wherever it runs: every log line carries it (logger.ts), and every
 * subgraph fetch passes it on (subgraph-http.ts), so the lines of one client request can be found in all six services.
 * `requestId` is the client's `x-request-id` when it sent a usable one, otherwise a new UUID; the gateway answers it in
 * the response's `x-request-id`. The trace id beside it in the logs is OpenTelemetry's (tracing.ts).
 */
export interface RequestScope {
  requestId: string;
  /** The GraphQL operation the request ran and the codes of its errors, noted for its access line (access-log.ts). */
  operation?: { name: string | null; errorCodes: string[] };
}

export const REQUEST_ID_HEADER = "x-request-id";

const storage = new AsyncLocalStorage<RequestScope>();
/** Printable, short and free of separators: a client's own id is kept only when it can do no harm in a log. */
const USABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The scope of an incoming request, from its headers. */
export function scopeOf(headers: IncomingHttpHeaders): RequestScope {
  const requestId = single(headers[REQUEST_ID_HEADER]);
  return { requestId: requestId && USABLE_REQUEST_ID.test(requestId) ? requestId : randomUUID() };
}

/** Runs `work` (and everything it starts) in `scope`. */
export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the work running now; undefined outside any request (startup, background jobs). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** The header that carries the current request's id to a subgraph; none outside a request. */
export function scopeHeaders(): Record<string, string> {
  const scope = storage.getStore();
  return scope ? { [REQUEST_ID_HEADER]: scope.requestId } : {};
}
