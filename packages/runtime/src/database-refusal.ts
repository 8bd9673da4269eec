/**
 * Whether `error` (or a cause it wraps: drizzle wraps the driver's error) is PostgreSQL refusing to take a statement at
 * all: every connection slot taken, the server starting up or shutting down, or no connection to be had. The statement
 * never ran, so nothing was written and the client may simply retry: SERVICE_UNAVAILABLE, not INTERNAL. A connection lost
 * while a statement ran is not one of these: whether it was applied is unknown.
 */
export function databaseRefused(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && REFUSALS.has(code)) return true;
  }
  return false;
}

const REFUSALS = new Set([
  // SQLSTATEs (PostgreSQL appendix A).
  "53300", // too_many_connections: max_connections, or a role's or database's CONNECTION LIMIT
  "57P03", // cannot_connect_now: starting up, or in recovery
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  // postgres.js and Node, before any statement was sent.
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
]);
