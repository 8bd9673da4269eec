import type { z } from "zod";
import { badUserInput } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses `value` with a zod schema; the first problem becomes BAD_USER_INPUT naming `path.field`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [path, ...issue.path.map(String)].filter(Boolean).join(".");
  throw badUserInput(field, issue.message);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids are UUIDs; anything else is BAD_USER_INPUT naming the argument, so it never reaches SQL. */
export function parseId(value: string, field: string): string {
  if (!isUuid(value)) throw badUserInput(field, `"${value.slice(0, 64)}" is not a valid id`);
  return value.toLowerCase();
}
