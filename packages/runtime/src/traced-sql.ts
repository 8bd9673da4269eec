import type postgres from "postgres";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

type Sql = postgres.Sql;
/** A statement built by postgres.js: lazy, it runs when first awaited (`then`), or as a fragment of another. */
type Statement = Promise<unknown> & { then: Promise<unknown>["then"]; strings?: readonly string[] };

/**
 * postgres.js with a span per statement (it has no OpenTelemetry instrumentation of its own). The span covers the
 * statement from the moment its result is first asked for to its answer, and carries its text (parameters are never
 * recorded). A statement used as a fragment of another is never awaited, so it gets no span of its own and is not
 * run early. Transactions (`begin`) hand their callback a traced client too. Used only while spans are exported
 * (tracing.ts): otherwise the driver is not wrapped at all.
 */
export function tracedSql(sql: Sql, database: string): Sql {
  return new Proxy(sql, {
    apply(target, self, args: unknown[]) {
      const result = Reflect.apply(target, self, args) as unknown;
      // A tagged-template call (`sql\`select…\``) builds a statement; a plain call (`sql(values)`) builds a helper.
      return isTemplateCall(args) ? traceStatement(result as Statement, textOf(args[0] as readonly string[]), database) : result;
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === "unsafe") {
        return (text: string, ...rest: unknown[]) =>
          traceStatement((value as (...args: unknown[]) => Statement).call(target, text, ...rest), text, database);
      }
      if (property === "begin") {
        return (...args: unknown[]) => {
          const callback = args.at(-1) as (transaction: Sql) => unknown;
          return (value as (...args: unknown[]) => unknown).call(target, ...args.slice(0, -1), (transaction: Sql) =>
            callback(tracedSql(transaction, database)),
          );
        };
      }
      return value;
    },
  });
}

/** The template's text with `$1`, `$2`… where its values go, as PostgreSQL receives it. */
function textOf(strings: readonly string[]): string {
  return strings.reduce((text, part, index) => `${text}$${index}${part}`);
}

function isTemplateCall(args: unknown[]): boolean {
  return Array.isArray(args[0]) && "raw" in (args[0] as object);
}

function traceStatement(statement: Statement, text: string, database: string): Statement {
  const then = statement.then.bind(statement);
  let answered: Promise<unknown> | undefined;
  statement.then = ((onFulfilled, onRejected) => {
    answered ??= run(then, text, database);
    return answered.then(onFulfilled, onRejected);
  }) as Statement["then"];
  return statement;
}

function run(then: Statement["then"], text: string, database: string): Promise<unknown> {
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? "query";
  const span = trace.getTracer("shop").startSpan(
    `${operation} ${database}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { "db.system.name": "postgresql", "db.namespace": database, "db.operation.name": operation, "db.query.text": text },
    },
    context.active(),
  );
  return then(
    (rows) => {
      span.end();
      return rows;
    },
    (error: unknown) => {
      // Only the SQLSTATE: a driver error's message and detail can quote the row's values.
      const code = (error as { code?: unknown }).code;
      span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === "string" ? `SQLSTATE ${code}` : "failed" });
      span.end();
      throw error;
    },
  );
}
