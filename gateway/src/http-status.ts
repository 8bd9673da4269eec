import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type FormattedExecutionResult } from "graphql";
import { ErrorCode } from "@shop/runtime";

/*
 * The HTTP statuses the gateway answers with (README "Errors" documents them for clients). Subgraphs always answer the
 * gateway 200 for an operation they executed, so every status below is chosen here, for the client:
 * - 200: the operation executed, whatever errors it has (BAD_USER_INPUT from a resolver, FORBIDDEN, INTERNAL…);
 * - 400: it never ran — unparsable, invalid, or a variable of the wrong type (Apollo Server's own behavior);
 * - 401: the whole request is refused for a bad bearer token (`refuseRequest` below), before anything is planned;
 * - 503: a backing service was down and nothing could be answered (`serviceUnavailablePlugin`): retry.
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

function nothingAnsweredForUnavailability({ data, errors }: FormattedExecutionResult): boolean {
  if (!errors?.length || !errors.every((error) => error.extensions?.code === ErrorCode.ServiceUnavailable)) return false;
  return !data || Object.values(data).every((value) => value === null);
}
