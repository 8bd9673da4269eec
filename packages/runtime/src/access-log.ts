import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Logger } from "pino";
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

/**
 * One line per HTTP request once its answer is sent: method, path, status, duration, the operation and its error
 * codes (the line carries the request and trace ids like every other). Probes are left out: an orchestrator asks them
 * every few seconds, and they would drown the rest.
 */
export function logAccess(log: Logger, req: IncomingMessage, res: ServerResponse, scope: RequestScope): void {
  const path = (req.url ?? "/").split("?", 1)[0]!;
  if ((PROBE_PATHS as readonly string[]).includes(path)) return;
  const startedAt = performance.now();
  res.once("finish", () => {
    const errorCodes = scope.operation?.errorCodes ?? [];
    log.info(
      {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
        operation: scope.operation?.name ?? null,
        outcome: res.statusCode >= 400 || errorCodes.length > 0 ? "error" : "ok",
        errorCodes,
      },
      "request",
    );
  });
}
