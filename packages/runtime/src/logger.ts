import { pino, type Logger } from "pino";

export type { Logger };

/** One structured JSON logger per process; `service` names the subgraph or gateway in every line. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ name: service, level, base: { service }, redact: ["req.headers.authorization", "password"] });
}
