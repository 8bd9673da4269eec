import postgres from "postgres";
import { sql as drizzleSql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { scrapedGauge } from "./metrics";
import { tracedSql } from "./traced-sql";
import { tracesExported } from "./tracing";

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

const poolConnections = scrapedGauge(
  "shop_db_pool_connections",
  "Open connections of a database pool, by pool and state (active, idle, idle in transaction), as PostgreSQL sees them.",
  ["pool", "state"],
);
const poolMax = scrapedGauge("shop_db_pool_max_connections", "The most connections a database pool opens.", ["pool"]);

/**
 * Opens a pooled postgres.js client wrapped by drizzle (snake_case columns, as in drizzle.config.ts). With a `name`
 * the pool's connections carry it as their application_name, and its use is in the metrics: postgres.js keeps no
 * counts of its own, so a scrape asks PostgreSQL's pg_stat_activity.
 */
export function connectDatabase<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  options: { max?: number; name?: string } = {},
): Database<TSchema> {
  const statements = { count: 0 };
  const max = options.max ?? 10;
  // Counted by drizzle's query log, not postgres.js's `debug` hook: that one also captures a stack trace for every query.
  const driver = postgres(url, {
    max,
    onnotice: () => {},
    ...(options.name && { connection: { application_name: options.name } }),
  });
  const sql = tracesExported() ? tracedSql(driver, new URL(url).pathname.slice(1)) : driver;
  const db = drizzle({ client: sql, schema, casing: "snake_case", logger: { logQuery: () => void (statements.count += 1) } });
  const unobserve = options.name ? observePool(driver, options.name, max) : () => {};
  return {
    db,
    sql,
    statements,
    close: () => {
      unobserve();
      return driver.end({ timeout: 5 });
    },
  };
}

function observePool(sql: postgres.Sql, pool: string, max: number): () => void {
  const stopConnections = poolConnections.observe(async () => {
    // The connection asking counts too (as active): leaving it out would read 0 for a pool of one idle connection.
    const rows = await sql<{ state: string; connections: number }[]>`
      select coalesce(state, 'unknown') as state, count(*)::int as connections from pg_stat_activity
      where application_name = ${pool} and datname = current_database()
      group by 1`;
    return rows.map((row) => ({ labels: { pool, state: row.state }, value: row.connections }));
  });
  const stopMax = poolMax.observe(() => [{ labels: { pool }, value: max }]);
  return () => {
    stopConnections();
    stopMax();
  };
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
