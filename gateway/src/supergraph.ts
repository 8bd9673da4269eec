import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const supergraphPath = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

/** The committed supergraph (`npm run compose`): what the gateway plans queries and serves subscriptions from. */
export function readSupergraph(): string {
  return readFileSync(supergraphPath, "utf8");
}
