import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Logger } from "pino";
import { counter, latencyHistogram, METRICS_PATH, operationLabel } from "./metrics";
import { PROBE_PATHS } from "./probes";
import { currentScope, type RequestScope } from "./request-scope";

/**
 * Notes the operation a request ran, and the codes of the errors it answered, on the request's scope, for its access
 * line. Installed in every Apollo Server of the shop (gateway and subgraphs).
 */
export const noteOperationPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ operationName, request, response }) {
        const scope = currentScope();
        if (!scope) return;
        const body = response.body;
        const errors = body.kind === "single" ? body.singleResult.errors : body.initialResult.errors;
        const codes = (errors ?? []).map((error) => {
          const code = error.extensions?.code;
          return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
        });
        // A document that never resolved (unparsable, invalid) is named by what the client asked for.
        scope.operation = { name: operationName ?? request.operationName ?? null, errorCodes: [...new Set(codes)] };
      },
    };
  },
};

/** Paths an orchestrator or a scraper asks every few seconds: no access line, no request metrics. */
export const OPERATOR_PATHS: readonly string[] = [...PROBE_PATHS, METRICS_PATH];

const requestDuration = latencyHistogram(
  "shop_graphql_request_duration_seconds",
  "HTTP requests served, by GraphQL operation name and outcome (ok or error), from arrival to the last byte sent.",
  ["operation", "outcome"],
);
const errorsByCode = counter(
  "shop_graphql_errors_total",
  "Requests answered with a GraphQL error, by its extensions.code (a request with two codes counts under both).",
  ["code"],
);

/**
 * One line per HTTP request once its answer is sent: method, path, status, duration, the operation and its error
 * codes (the line carries the request and trace ids like every other), and the same in the request metrics. Probes
 * and scrapes are left out: they come every few seconds and would drown the rest.
 */
export function logAccess(log: Logger, req: IncomingMessage, res: ServerResponse, scope: RequestScope): void {
  const path = (req.url ?? "/").split("?", 1)[0]!;
  if (OPERATOR_PATHS.includes(path)) return;
  const startedAt = performance.now();
  res.once("finish", () => {
    const errorCodes = scope.operation?.errorCodes ?? [];
    const seconds = (performance.now() - startedAt) / 1000;
    const outcome = res.statusCode >= 400 || errorCodes.length > 0 ? "error" : "ok";
    requestDuration.observe({ operation: operationLabel(scope.operation?.name), outcome }, seconds);
    for (const code of errorCodes) errorsByCode.inc({ code });
    log.info(
      {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        operation: scope.operation?.name ?? null,
        outcome,
        errorCodes,
      },
      "request",
    );
  });
}
