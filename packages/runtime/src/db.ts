import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";

const TYPE_LOOKUP = "select b.oid, b.typarray";

export interface Database<TSchema extends Record<string, unknown>> {
  db: PostgresJsDatabase<TSchema>;
  sql: postgres.Sql;
  /** Statements sent since start: tests assert query counts with it (DataLoader batching). */
  statements: { count: number };
  close: () => Promise<void>;
}

/** Opens a pooled postgres.js client wrapped by drizzle (snake_case columns, as in drizzle.config.ts). */
export function connectDatabase<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  options: { max?: number } = {},
): Database<TSchema> {
  const statements = { count: 0 };
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    debug: (_connection, query) => {
      // postgres.js looks up array types once per new connection; that is driver bookkeeping, not our query.
      if (!query.trimStart().startsWith(TYPE_LOOKUP)) statements.count += 1;
    },
  });
  const db = drizzle({ client: sql, schema, casing: "snake_case" });
  return { db, sql, statements, close: () => sql.end({ timeout: 5 }) };
}
