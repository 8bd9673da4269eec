import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ASTVisitor, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";
import type { ShopConfig } from "@shop/runtime";

/** The gateway's operation limits, one set for HTTP (Apollo) and WebSocket (graphql-ws) alike. */
export interface OperationLimits {
  /** graphql-js's own token limit, applied while parsing: a huge document is refused before it becomes an AST. */
  parseOptions: ParseOptions;
  /** Depth, aliases (`__typename` ones included), directives per operation, cost, and no repeated directive. */
  validationRules: ValidationRule[];
  /** Apollo plugins of graphql-armor (field suggestions masked in production). */
  plugins: ReturnType<ApolloArmor["protect"]>["plugins"];
}

/**
 * Builds the limits from MAX_QUERY_* (README "Environment variables"). A refusal is a validation error (HTTP 400,
 * `GRAPHQL_VALIDATION_FAILED`, over WebSocket too), naming the limit and what the operation had.
 */
export function operationLimits(limits: ShopConfig["limits"], production: boolean): OperationLimits {
  // graphql-armor reports through Apollo as BAD_USER_INPUT with a "Syntax Error:" prefix; a plain validation error
  // reads and codes the same over HTTP and over the socket.
  const report = { propagateOnRejection: false, onReject: [reportLimit] };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...report },
    // graphql-armor lets `__typename` aliases through by default: 100+ of them cost as much as any field to plan and
    // answer (graphql-cop's alias overloading), so every alias counts.
    maxAliases: { n: limits.maxAliases, allowList: [], ...report },
    maxDirectives: { n: limits.maxDirectives, ...report },
    costLimit: report,
    // Counted by graphql-js's parser instead (parseOptions), which the WebSocket path uses too.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [...armor.validationRules, noRepeatedDirectivesRule],
    plugins: armor.plugins,
  };
}

function reportLimit(context: ValidationContext | null, error: GraphQLError) {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}

/**
 * A directive named twice on one field, fragment or operation is refused, unless the schema declares it `repeatable`.
 * graphql-js checks this only for directives the schema knows, so `@aa@aa@aa…` used to cost one error each
 * (graphql-cop's directive overloading); here an unknown one repeated is refused once.
 */
const noRepeatedDirectivesRule: ValidationRule = (context): ASTVisitor => ({
  enter(node) {
    if (!("directives" in node) || !node.directives || node.directives.length < 2) return;
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const directive of node.directives) {
      const name = directive.name.value;
      if (seen.has(name) && !reported.has(name) && !context.getSchema().getDirective(name)?.isRepeatable) {
        reported.add(name);
        context.reportError(new GraphQLError(`The directive "@${name}" is repeated here: use it once`, { nodes: [directive] }));
      }
      seen.add(name);
    }
  },
});
