/**
 * Composes the five subgraph SDLs into schema/supergraph.graphql with @apollo/composition (no rover binary here).
 * `--check` composes in memory and fails when the committed file is stale, so CI catches a forgotten compose.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { parse as parseYaml } from "yaml";

const schemaDir = resolve(dirname(fileURLToPath(import.meta.url)), "../schema");
const outputPath = resolve(schemaDir, "supergraph.graphql");

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export function composeSupergraph(): string {
  const config = parseYaml(readFileSync(resolve(schemaDir, "supergraph.yaml"), "utf8")) as SupergraphConfig;
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(resolve(schemaDir, subgraph.schema.file), "utf8")),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join("\n")}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const composed = composeSupergraph();
  if (process.argv.includes("--check")) {
    const committed = readFileSync(outputPath, "utf8");
    if (committed !== composed) {
      console.error("schema/supergraph.graphql is stale: run `npm run compose` and commit the result.");
      process.exit(1);
    }
    console.log("schema/supergraph.graphql is up to date.");
  } else {
    writeFileSync(outputPath, composed);
    console.log(`Wrote ${outputPath}`);
  }
}
