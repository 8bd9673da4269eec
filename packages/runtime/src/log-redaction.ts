import { stdSerializers } from "pino";

/**
 * What never reaches a log line: customers' data (emails, addresses, password hashes, payment tokens), credentials,
 * and the values a statement or command was run with. Two layers, because data arrives two ways:
 * - fields a call site logs by name (`REDACTED_PATHS`, pino's own redaction: the value becomes "[Redacted]");
 * - errors, which drivers decorate (`serializeError`): drizzle writes a failed query's parameters into the message,
 *   postgres.js adds `detail` ("Key (email)=(…) already exists") and `where`, PostgreSQL quotes the rejected value in
 *   data errors ("invalid input syntax for type uuid: "…""), and ioredis adds the command's arguments (`command.args`:
 *   keys and values). The SQL text and the command's name stay: they say what failed without saying for whom.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  ...["password", "passwordHash", "email", "paymentToken", "token", "refreshToken", "shippingAddress", "address", "variables"].flatMap(
    (field) => [field, `*.${field}`],
  ),
];

/** Properties drivers attach to errors that carry values: dropped wherever they appear in a serialized error. */
const VALUE_PROPERTIES = new Set(["params", "parameters", "args", "detail", "where", "variables"]);

/** drizzle's DrizzleQueryError message: `Failed query: <sql>\nparams: <values>`; the values run to the line's end. */
const DRIZZLE_PARAMS = /\nparams: [^\n]*/g;
/** PostgreSQL's data errors quote the value they refused: `invalid input syntax for type integer: "…"`. */
const QUOTED_VALUE = /(\b(?:for type|for enum|value for) [^:"\n]*: )"(?:[^"\\\n]|\\.)*"/g;

/** pino's error serializer, then every value a driver put on the error (or its causes) taken out. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  return scrub(serialized, withoutParams(error));
}

/** drizzle's params line for this error, if any, exactly as it wrote it (`${params}` is the array joined by commas). */
function withoutParams(error: Error): (text: string) => string {
  const params = (error as { params?: unknown }).params;
  const exact = Array.isArray(params) ? `\nparams: ${String(params)}` : undefined;
  return (text) => (exact ? text.split(exact).join("") : text).replace(DRIZZLE_PARAMS, "").replace(QUOTED_VALUE, '$1"[Redacted]"');
}

function scrub(value: Record<string, unknown>, clean: (text: string) => string): Record<string, unknown> {
  const scrubbed: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (VALUE_PROPERTIES.has(key)) continue;
    if (typeof field === "string") scrubbed[key] = clean(field);
    else if (field && typeof field === "object" && !Array.isArray(field)) scrubbed[key] = scrub(field as Record<string, unknown>, clean);
    else scrubbed[key] = field;
  }
  return scrubbed;
}
