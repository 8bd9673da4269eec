import type { z } from "zod";

/** What every settings loader accepts: `process.env`, or a plain record in tests. */
export type EnvSource = Record<string, string | undefined>;

/**
 * Parses the variables `schema` describes out of `source`. On failure throws one error naming every bad variable,
 * so one round of fixes is enough; `owner` says whose settings they are (the shared config, or a service's own).
 * The one way every loader (runtime config, each service's settings) reads the environment.
 */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, source: EnvSource, owner: string): z.output<Schema> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
  throw new Error(`Invalid environment (${owner}):\n${problems}`);
}
