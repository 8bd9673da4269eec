import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";

/**
 * Codegen's schema loader for a subgraph's schema.graphql: the schema that subgraph serves. buildSubgraphSchema adds
 * what Federation 2 adds (the directive definitions, `_service`, `_entities`, and a Query root to hang them on,
 * which inventory's SDL lacks), so sibling operations are validated against exactly what the callee answers,
 * its @inaccessible fields included.
 */
export default function loadSubgraphSchema(path: string): GraphQLSchema {
  return buildSubgraphSchema(parse(readFileSync(path, "utf8")));
}
