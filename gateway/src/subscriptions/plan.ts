import {
  GraphQLError,
  Kind,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import type { SubscriptionField, SubscriptionFields } from "./live-fields";

export interface SubscriptionPlan {
  field: SubscriptionField;
  fieldName: string;
  /** Where the client expects the entity in `data` (its alias, or the field name). */
  responseKey: string;
  /** The subscription opened on the owning subgraph: the client's root field and arguments, selecting only the key. */
  upstream: { query: string; variables: Record<string, unknown>; resume?: Resume };
  /** The query run for every event: the client's selection on `refetchField(key: $<keyVariable>)`, same response key. */
  refetch: { query: string; keyVariable: string; variables: Record<string, unknown> };
}

/** How to resume an upstream subscription: the variable to set to the newest `versionField` value seen. */
export interface Resume {
  variable: string;
  versionField: string;
}

/** A plan without its variable values: the same for every subscriber sending the same document. */
interface PlanShape extends Omit<SubscriptionPlan, "upstream" | "refetch"> {
  upstream: { query: string; variables: Set<string>; resume?: Resume };
  refetch: { query: string; keyVariable: string; variables: Set<string> };
}

const shapes = new WeakMap<OperationDefinitionNode, Map<SubscriptionFields, PlanShape>>();

/**
 * Splits a validated subscription operation in two: the upstream subscription (root field and its arguments,
 * selecting `__typename`, the key and the version; `fields` says how each field is served, see live-fields.ts) and the per-event query that resolves the client's whole selection
 * through the supergraph. Throws a GraphQLError for a subscription the gateway does not serve. The split is computed
 * once per document (documents are cached), so thousands of subscribers share its strings.
 */
export function planSubscription(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  fields: SubscriptionFields,
): SubscriptionPlan {
  let byFields = shapes.get(operation);
  if (!byFields) shapes.set(operation, (byFields = new Map<SubscriptionFields, PlanShape>()));
  let shape = byFields.get(fields);
  if (!shape) byFields.set(fields, (shape = shapeOf(document, operation, fields)));
  const pick = (names: Set<string>) =>
    Object.fromEntries([...names].filter((name) => name in variables).map((name) => [name, variables[name]]));
  return {
    ...shape,
    upstream: { query: shape.upstream.query, variables: pick(shape.upstream.variables), resume: shape.upstream.resume },
    refetch: { query: shape.refetch.query, keyVariable: shape.refetch.keyVariable, variables: pick(shape.refetch.variables) },
  };
}

function shapeOf(document: DocumentNode, operation: OperationDefinitionNode, fields: SubscriptionFields): PlanShape {
  const [root, ...others] = operation.selectionSet.selections;
  if (!root || others.length > 0 || root.kind !== Kind.FIELD) {
    throw new GraphQLError("Select exactly one subscription field, directly (not through a fragment)", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  const fieldName = root.name.value;
  const field = fields[fieldName];
  if (!field)
    throw new GraphQLError(`The gateway does not serve the subscription field "${fieldName}"`, { extensions: { code: "BAD_REQUEST" } });
  const responseKey = root.alias?.value ?? fieldName;

  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const definitionOf = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const declare = (names: Set<string>) => [...names].map((name) => print(definitionOf.get(name)!));

  const argumentVariables = variablesIn(root.arguments ?? []);
  const upstreamArguments = (root.arguments ?? []).map((arg) => print(arg));
  const upstreamDefinitions = declare(argumentVariables);
  // A client that passes the resume argument itself keeps control of it; otherwise the gateway owns it.
  let resume: Resume | undefined;
  const clientResumes = root.arguments?.some((arg) => arg.name.value === field.resumeArgument);
  if (field.resumeArgument && field.versionField && !clientResumes) {
    let variable = "resumeAfter";
    while (definitionOf.has(variable)) variable += "_";
    upstreamArguments.push(`${field.resumeArgument}: $${variable}`);
    upstreamDefinitions.push(`$${variable}: DateTime`);
    resume = { variable, versionField: field.versionField };
  }
  const args = upstreamArguments.length ? `(${upstreamArguments.join(", ")})` : "";
  const upstreamSelection = ["__typename", field.keySelection, field.versionField].filter(Boolean).join(" ");
  const upstreamQuery = `subscription${upstreamDefinitions.length ? `(${upstreamDefinitions.join(", ")})` : ""} { ${fieldName}${args} { ${upstreamSelection} } }`;

  const used = usedFragments(root, fragments);
  const selectionVariables = variablesIn([root.selectionSet!, ...used]);
  let keyVariable = "entityKey";
  while (definitionOf.has(keyVariable)) keyVariable += "_";
  const definitions = [`$${keyVariable}: ${field.keyType}`, ...declare(selectionVariables)];
  const name = operation.name ? ` ${operation.name.value}Event` : "";
  const refetchQuery = [
    `query${name}(${definitions.join(", ")}) { ${responseKey}: ${field.refetchField}(${field.keyArgument}: $${keyVariable}) ${print(root.selectionSet!)} }`,
    ...used.map((fragment) => print(fragment)),
  ].join("\n");

  return {
    field,
    fieldName,
    responseKey,
    upstream: { query: upstreamQuery, variables: argumentVariables, resume },
    refetch: { query: refetchQuery, keyVariable, variables: selectionVariables },
  };
}

function variablesIn(nodes: readonly ASTNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  return names;
}

/** Fragments reachable from the field's selection, each once. */
function usedFragments(root: FieldNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          walk(fragment.selectionSet);
        }
      },
    });
  walk(root.selectionSet!);
  return [...found.values()];
}
