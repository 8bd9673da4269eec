import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";

/** The `extensions.code` values clients can rely on. */
export const ErrorCode = {
  BadUserInput: "BAD_USER_INPUT",
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  Conflict: "CONFLICT",
  /** A backing service did not answer: retry shortly. */
  ServiceUnavailable: "SERVICE_UNAVAILABLE",
  /** A checkout was undone after its process died: nothing was charged; check out again with a new key. */
  CheckoutInterrupted: "CHECKOUT_INTERRUPTED",
  Internal: "INTERNAL_SERVER_ERROR",
} as const;

/** Codes whose message was written for the client; anything else is masked in production. */
const CLIENT_FACING = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.ServiceUnavailable,
  ErrorCode.CheckoutInterrupted,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** The argument or input field was wrong; `field` is its path, e.g. `input.email`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BadUserInput, field } });
}

export function notFound(entity: string, id: string): GraphQLError {
  return new GraphQLError(`${entity} ${id} does not exist`, { extensions: { code: ErrorCode.NotFound, entity, id } });
}

export function unauthenticated(message = "Sign in first: send Authorization: Bearer <token> from logIn or signUp"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });
}

export function forbidden(message = "You are not allowed to do this"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

export function conflict(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.Conflict, field } });
}

/**
 * Apollo `formatError` shared by the gateway and every subgraph: never a stack trace, and in production
 * unexpected errors (SQL, bugs) become a generic message while the original goes to the log.
 */
export function createErrorFormatter(log: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? ErrorCode.Internal);
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    if (CLIENT_FACING.has(code)) return { ...formatted, extensions: { ...extensions, code } };
    log.error({ err: unwrap(error), path: formatted.path }, "unexpected error");
    return {
      message: production ? "Internal server error" : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...(production ? {} : extensions), code: ErrorCode.Internal },
    };
  };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
