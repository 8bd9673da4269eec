import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import type { GraphQLSchema } from "graphql";

/**
 * Codegen's schema loader for the composed supergraph as clients see it: the gateway's API schema, without the join
 * directives and without the @inaccessible internal fields, so a client operation that names one fails codegen the
 * way it would fail at the gateway.
 */
export default function loadApiSchema(path: string): GraphQLSchema {
  return Supergraph.build(readFileSync(path, "utf8")).apiSchema().toGraphQLJSSchema();
}
