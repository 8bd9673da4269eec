import { pino, type Logger } from "pino";
import { REDACTED_PATHS, serializeError } from "./log-redaction";
import { currentScope } from "./request-scope";

export type { Logger };

/**
 * One structured JSON logger per process; `service` names the subgraph or gateway in every line, and a line written
 * while serving a request carries that request's `requestId` and `traceId` (request-scope.ts).
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
      const scope = currentScope();
      return scope ? { requestId: scope.requestId, traceId: scope.traceId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
