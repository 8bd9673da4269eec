import { pino, type Logger } from "pino";
import { REDACTED_PATHS, serializeError } from "./log-redaction";
import { currentScope } from "./request-scope";
import { currentTraceId } from "./tracing";

export type { Logger };

/**
 * One structured JSON logger per process; `service` names the subgraph or gateway in every line, and a line written
 * while serving a request carries that request's `requestId` (request-scope.ts) and `traceId` (tracing.ts).
 */
export function createLogger(
  service: string,
  level: string = process.env.LOG_LEVEL ?? "info",
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    // No customer data, credential or SQL parameter in any line (log-redaction.ts).
    redact: REDACTED_PATHS,
    serializers: { err: serializeError, error: serializeError },
    mixin: () => {
      const requestId = currentScope()?.requestId;
      const traceId = currentTraceId();
      return requestId || traceId ? { requestId, traceId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
