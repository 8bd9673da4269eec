import postgres from "postgres";
import { sql as drizzleSql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";

export interface Database<TSchema extends Record<string, unknown>> {
  db: PostgresJsDatabase<TSchema>;
  sql: postgres.Sql;
  /**
   * Statements sent through drizzle since start (not transaction control, not `sql` used directly): tests assert query
   * counts with it (DataLoader batching, counts run only when asked).
   */
  statements: { count: number };
  close: () => Promise<void>;
}

export interface DatabaseOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /**
   * PostgreSQL's `statement_timeout` on every connection of the pool (DATABASE_STATEMENT_TIMEOUT_MS): a statement
   * running longer is cancelled by the server (SQLSTATE 57014), so a runaway query or a long lock wait cannot hold a
   * connection after its request has given up. Omitted: no limit (seeds, tests that wait on purpose).
   */
  statementTimeoutMs?: number;
}

/** Opens a pooled postgres.js client wrapped by drizzle (snake_case columns, as in drizzle.config.ts). */
export function connectDatabase<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  options: DatabaseOptions = {},
): Database<TSchema> {
  const statements = { count: 0 };
  // Counted by drizzle's query log, not postgres.js's `debug` hook: that one also captures a stack trace for every query.
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // A startup parameter of each connection: no extra round trip, and it holds inside every transaction too.
    ...(options.statementTimeoutMs !== undefined && { connection: { statement_timeout: options.statementTimeoutMs } }),
  });
  const db = drizzle({ client: sql, schema, casing: "snake_case", logger: { logQuery: () => void (statements.count += 1) } });
  return { db, sql, statements, close: () => sql.end({ timeout: 5 }) };
}

/**
 * `build(db)` once per database client, however often it is asked for: statements prepared once at the first request
 * rather than rebuilt by drizzle on every one. Kept in a WeakMap, so they go with the client.
 */
export function perDatabase<D extends object, T>(build: (db: D) => T): (db: D) => T {
  const built = new WeakMap<D, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}

/**
 * `column = any($placeholder::type[])`: one statement for any number of keys, so that it can be prepared once
 * (`inArray` writes one parameter per key: a new statement text for every batch size). Execute with an array.
 */
export function anyOf(column: PgColumn, placeholder: string): SQL {
  return drizzleSql`${column} = any(${drizzleSql.placeholder(placeholder)}::${drizzleSql.raw(column.getSQLType())}[])`;
}
