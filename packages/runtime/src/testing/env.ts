import { readFileSync } from "node:fs";
import { documentedDefaults } from "../documented-env";
import type { EnvSource } from "../env";

/** The message `load` throws for `env`; throws itself when `load` accepts `env`, so the calling test fails saying so. */
export function refusalOf(load: (env: EnvSource) => unknown, env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${load.name} accepted ${JSON.stringify(env)}`);
}

/**
 * A settings schema's defaults beside what the README at `readme` documents for the same variables, both as strings:
 * a test expects the two to be equal, so the code and the docs cannot drift apart.
 */
export function defaultsBesideReadme(schema: { parse(env: EnvSource): Record<string, unknown> }, readme: URL) {
  const documented = documentedDefaults(readFileSync(readme, "utf8"));
  const defaults = schema.parse({});
  return {
    inCode: Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, String(value)])),
    inReadme: Object.fromEntries(Object.keys(defaults).map((name) => [name, documented.get(name)])),
  };
}
