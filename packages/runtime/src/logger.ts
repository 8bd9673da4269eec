import { pino, type Logger } from "pino";
import { currentScope } from "./request-scope";

export type { Logger };

/**
 * One structured JSON logger per process; `service` names the subgraph or gateway in every line, and a line written
 * while serving a request carries that request's `requestId` and `traceId` (request-scope.ts).
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: ["req.headers.authorization", "password"],
    mixin: () => {
      const scope = currentScope();
      return scope ? { requestId: scope.requestId, traceId: scope.traceId } : {};
    },
  });
}
