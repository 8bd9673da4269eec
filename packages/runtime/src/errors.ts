import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { databaseRefused } from "./database-refusal";

/**
 * The `extensions.code` values clients can rely on (README "Errors" lists each with its HTTP status). An unexpected
 * error is `INTERNAL_SERVER_ERROR` — Apollo's own name for it, kept because clients already match on it.
 */
export const ErrorCode = {
  BadUserInput: "BAD_USER_INPUT",
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  Conflict: "CONFLICT",
  /** A backing service did not answer: retry shortly. */
  ServiceUnavailable: "SERVICE_UNAVAILABLE",
  /**
   * The request passed the gateway's deadline (GATEWAY_REQUEST_TIMEOUT_MS): what had not answered was stopped. Retry;
   * a mutation may have been applied, so retry it as it was (checkout with the same idempotency key).
   */
  RequestTimeout: "REQUEST_TIMEOUT",
  /** A checkout was undone after its process died: nothing was charged; check out again with a new key. */
  CheckoutInterrupted: "CHECKOUT_INTERRUPTED",
  /** Too many calls of this kind from this client (or for this account): retry after `extensions.retryAfter` seconds. */
  RateLimited: "RATE_LIMITED",
  Internal: "INTERNAL_SERVER_ERROR",
} as const;

/** What every client sees of an unexpected error, in every mode: the details are in the log. */
export const INTERNAL_MESSAGE = "Internal server error";

/** Codes whose message was written for the client; anything else is masked. */
const CLIENT_FACING = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.ServiceUnavailable,
  ErrorCode.RequestTimeout,
  ErrorCode.CheckoutInterrupted,
  ErrorCode.RateLimited,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * The only `extensions` keys a client receives besides `code`. Anything else an error picks up on its way — the gateway's
 * `serviceName`, a data source's raw `response` (URL, status, body), `stacktrace`, `exception`, `http` — stays inside.
 * An error helper that adds a key for clients adds it here too.
 */
const CLIENT_EXTENSIONS = ["field", "entity", "id", "limit", "retryAfter"] as const;

/** The argument or input field was wrong; `field` is its path, e.g. `input.email`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BadUserInput, field } });
}

export function notFound(entity: string, id: string): GraphQLError {
  return new GraphQLError(`${entity} ${id} does not exist`, { extensions: { code: ErrorCode.NotFound, entity, id } });
}

/**
 * No HTTP status here: a subgraph answers an operation it executed with 200, whatever its errors. Only the gateway
 * refuses a whole request with 401 (a bad bearer token, gateway/src/http-status.ts).
 */
export function unauthenticated(message = "Sign in first: send Authorization: Bearer <token> from logIn or signUp"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });
}

export function forbidden(message = "You are not allowed to do this"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

export function conflict(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.Conflict, field } });
}

/**
 * A rate limit refused the call (README "Rate limits"): `retryAfter` is the whole seconds until it would pass. The gateway
 * answers an operation that nothing but this refused with HTTP 429 and `Retry-After` (gateway/src/http-status.ts).
 */
export function rateLimited(retryAfterSeconds: number, message = "Too many requests: retry later"): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new GraphQLError(message, { extensions: { code: ErrorCode.RateLimited, retryAfter } });
}

/** A backing service (a subgraph, a sibling) did not answer; the cause (with its URL) stays in originalError, for the log. */
export function serviceUnavailable(cause?: Error): GraphQLError {
  return new GraphQLError("A backing service did not answer: retry shortly", {
    extensions: { code: ErrorCode.ServiceUnavailable },
    originalError: cause,
  });
}

/** The gateway stopped the request at its deadline (see ErrorCode.RequestTimeout). */
export function requestTimedOut(): GraphQLError {
  return new GraphQLError(
    "The request did not finish in time and was stopped: retry it (a mutation may have been applied: retry it unchanged, checkout with the same idempotency key)",
    { extensions: { code: ErrorCode.RequestTimeout } },
  );
}

/** Statuses with which a proxy or server says "not reachable now": the caller may retry. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

/**
 * A call inside the stack (gateway → subgraph, subgraph → sibling) that failed as a whole: no answer, or an HTTP status
 * other than 2xx. Subgraphs answer every operation they execute with 200, so a non-2xx answer is never about the
 * client's operation (a refused internal token, a schema out of step, an oversized body): INTERNAL, unless the callee
 * was unreachable (no answer, 502–504): SERVICE_UNAVAILABLE. `detail` (URL, status, body) goes to the log only.
 */
export function internalCallFailed(status: number | undefined, detail: Error): GraphQLError {
  if (status === undefined || UNREACHABLE_STATUSES.has(status)) return serviceUnavailable(detail);
  return new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: ErrorCode.Internal }, originalError: detail });
}

/**
 * The client's view of one formatted error, the same in every mode: its message and documented extensions when its
 * code is client-facing, else the generic message and INTERNAL_SERVER_ERROR. Idempotent, so errors relayed from a
 * subgraph (already cleaned there) can be cleaned again by the gateway.
 */
export function clientError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = codeOf(formatted);
  const where = { ...(formatted.locations && { locations: formatted.locations }), ...(formatted.path && { path: formatted.path }) };
  if (!CLIENT_FACING.has(code)) return { message: INTERNAL_MESSAGE, ...where, extensions: { code: ErrorCode.Internal } };
  const extensions: Record<string, unknown> = { code };
  for (const key of CLIENT_EXTENSIONS) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  return { message: formatted.message, ...where, extensions };
}

/**
 * Apollo `formatError` shared by the gateway and every subgraph: responses are `clientError`s in every mode (never an
 * internal URL, a raw subgraph response, a serviceName or a stack trace); unexpected errors are logged with their
 * cause. Development adds detail to that log line (the original message and extensions), never to the response.
 */
export function createErrorFormatter(log: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const clean = clientError(formatted);
    if (clean.extensions?.code === ErrorCode.Internal && databaseRefused(unwrap(error))) {
      // PostgreSQL turned the statement away before running it (all connections taken…): retryable, not a bug.
      log.warn({ err: unwrap(error), path: formatted.path }, "database refused a statement");
      const { message, extensions } = serviceUnavailable();
      return { ...clean, message, extensions: { code: extensions.code as string } };
    }
    if (clean.extensions?.code === ErrorCode.Internal) {
      const detail = production ? {} : { message: formatted.message, extensions: formatted.extensions };
      log.error({ err: unwrap(error), path: formatted.path, ...detail }, "unexpected error");
    }
    return clean;
  };
}

function codeOf(formatted: GraphQLFormattedError): string {
  const code = formatted.extensions?.code;
  return typeof code === "string" ? code : ErrorCode.Internal;
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
