import { pino, type Logger } from "pino";
import { currentScope } from "./request-scope";
import { currentTraceId } from "./tracing";

export type { Logger };

/**
 * One structured JSON logger per process; `service` names the subgraph or gateway in every line, and a line written
 * while serving a request carries that request's `requestId` (request-scope.ts) and `traceId` (tracing.ts).
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: ["req.headers.authorization", "password"],
    mixin: () => {
      const requestId = currentScope()?.requestId;
      const traceId = currentTraceId();
      return requestId || traceId ? { requestId, traceId } : {};
    },
  });
}
