import type { ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type FormattedExecutionResult } from "graphql";
import { ErrorCode, rateLimited } from "@shop/runtime";

/*
 * The HTTP statuses the gateway answers with (README "Errors" documents them for clients). Subgraphs always answer the
 * gateway 200 for an operation they executed, so every status below is chosen here, for the client:
 * - 200: the operation executed, whatever errors it has (BAD_USER_INPUT from a resolver, FORBIDDEN, INTERNAL…);
 * - 400: it never ran — unparsable, invalid, or a variable of the wrong type (Apollo Server's own behavior);
 * - 401: the whole request is refused for a bad bearer token (`refuseRequest` below), before anything is planned;
 * - 503: a backing service was down and nothing could be answered (`serviceUnavailablePlugin`): retry;
 * - 504: the request's deadline passed (GATEWAY_REQUEST_TIMEOUT_MS) and nothing was answered (`requestTimeoutPlugin`);
 * - 429 with Retry-After: a rate limit refused the whole request — the gateway's per-IP budget before anything ran
 *   (`sendRateLimited`), or every root field refused with RATE_LIMITED (`rateLimitedPlugin`).
 */

/** A bad `Authorization` refuses the whole request with 401; Apollo Server reads the status from `extensions.http`. */
export function refuseRequest(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.code !== ErrorCode.Unauthenticated) return error;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
}

/** 503 when every error says a backing service did not answer and no root field has a value. */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single") return;
        if ((response.http.status ?? 200) === 200 && nothingAnsweredForUnavailability(response.body.singleResult))
          response.http.status = 503;
      },
    };
  },
};

/** 504 when every error says the request's deadline passed and no root field has a value. */
export const requestTimeoutPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single") return;
        if ((response.http.status ?? 200) === 200 && nothingAnsweredFor(ErrorCode.RequestTimeout, response.body.singleResult))
          response.http.status = 504;
      },
    };
  },
};

function nothingAnsweredForUnavailability(result: FormattedExecutionResult): boolean {
  return nothingAnsweredFor(ErrorCode.ServiceUnavailable, result);
}

function nothingAnsweredFor(code: string, { data, errors }: FormattedExecutionResult): boolean {
  if (!errors?.length || !errors.every((error) => error.extensions?.code === code)) return false;
  return !data || Object.values(data).every((value) => value === null);
}

/**
 * 429 with `Retry-After` when every error is RATE_LIMITED and no root field has a value: the limit refused the whole
 * request (a logIn alone, a checkout alone). Beside data that was answered, the refusal stays a field error in a 200.
 */
export const rateLimitedPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single" || (response.http.status ?? 200) !== 200) return;
        const retryAfter = refusedWholly(response.body.singleResult);
        if (retryAfter === undefined) return;
        response.http.status = 429;
        response.http.headers.set("retry-after", String(retryAfter));
      },
    };
  },
};

/** The longest `retryAfter` of a result that is nothing but rate-limit refusals; undefined for any other result. */
function refusedWholly({ data, errors }: FormattedExecutionResult): number | undefined {
  if (!errors?.length || !errors.every((error) => error.extensions?.code === ErrorCode.RateLimited)) return undefined;
  if (data && Object.values(data).some((value) => value !== null)) return undefined;
  return Math.max(1, ...errors.map((error) => Number(error.extensions?.retryAfter) || 1));
}

/** Refuses a whole HTTP request for a rate limit: 429, `Retry-After`, and the GraphQL-shaped RATE_LIMITED error. */
export function sendRateLimited(res: ServerResponse, retryAfterSeconds: number, message: string): void {
  const error = rateLimited(retryAfterSeconds, message);
  res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": String(error.extensions.retryAfter) });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
}
