import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type SelectionSetNode,
} from "graphql";
import { SUBGRAPHS, type SubgraphName } from "@shop/runtime";

/**
 * How the gateway serves one `Subscription` field: which subgraph streams it, and how an event's entity is fetched
 * again through the supergraph (a Query field taking the key) so a client may select fields of any subgraph. Read from
 * the supergraph (`subscriptionFieldsOf`): the owner from `@join__field` / `@join__type`, the rest from the `@live`
 * directive the owning subgraph declares on the field and composes (`@composeDirective`).
 */
export interface SubscriptionField {
  subgraph: SubgraphName;
  /** Query field that returns the entity by key, e.g. `order(id:)`; it applies the viewer's access rules. */
  refetchField: string;
  /** Its key argument. */
  keyArgument: string;
  /** The key argument's type, e.g. `ID!`. */
  keyType: string;
  /** Where an event carries the key: the field path (e.g. `["product", "id"]`), and as a selection (`product { id }`). */
  keyPath: readonly string[];
  keySelection: string;
  /** A field that changes with every change of the entity: events of one version share one fetch per viewer. */
  versionField?: string;
  /** The stream starts with the entity's current state (a follower joining a shared subscription gets it too). */
  startsWithState: boolean;
  /**
   * A DateTime argument that replays changes after an instant: the gateway re-subscribes with the last version it
   * saw, so its subscribers miss nothing while its connection to the subgraph was down.
   */
  resumeArgument?: string;
}

/** The subscription fields a gateway serves, by field name. */
export type SubscriptionFields = Readonly<Record<string, SubscriptionField>>;

/** The directive a subgraph puts on a Subscription field to have gateways serve it (see the subgraph SDLs). */
const LIVE = "live";

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

/**
 * Every Subscription field of a supergraph that carries `@live`, with what the gateway needs to serve it. Fields
 * without it are not served (a client asking for one is told so). Throws on a declaration the gateway cannot
 * serve (an unknown subgraph, query field or argument, a key that is not one path), so a broken schema fails at load.
 */
export function subscriptionFieldsOf(supergraph: DocumentNode | string): SubscriptionFields {
  const document = typeof supergraph === "string" ? parse(supergraph) : supergraph;
  const rootName = (operation: OperationTypeNode, fallback: string) =>
    document.definitions
      .flatMap((d) => (d.kind === Kind.SCHEMA_DEFINITION ? d.operationTypes : []))
      .find((type) => type.operation === operation)?.type.name.value ?? fallback;
  const objects = (name: string) =>
    document.definitions.filter(
      (d): d is ObjectNode => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === name,
    );
  const graphs = subgraphsByGraph(document);
  const queryFields = new Map(
    objects(rootName(OperationTypeNode.QUERY, "Query")).flatMap((type) => (type.fields ?? []).map((f) => [f.name.value, f])),
  );

  const served: Record<string, SubscriptionField> = {};
  for (const type of objects(rootName(OperationTypeNode.SUBSCRIPTION, "Subscription"))) {
    const typeGraphs = (type.directives ?? []).filter((d) => d.name.value === "join__type").map((d) => graphArgument(d));
    for (const field of type.fields ?? []) {
      const live = field.directives?.find((d) => d.name.value === LIVE);
      if (!live) continue;
      const name = field.name.value;
      const fail = (why: string): never => {
        throw new Error(`Subscription.${name} @live: ${why}`);
      };
      const owners = (field.directives ?? []).filter((d) => d.name.value === "join__field").map((d) => graphArgument(d));
      const [owner, ...others] = owners.length ? owners : typeGraphs;
      if (!owner || others.length) fail("it must be owned by exactly one subgraph");
      const subgraph = graphs.get(owner!) ?? fail(`unknown graph ${owner}`);
      const args = argumentsOf(live);
      const refetchField = stringArg(args, "query") ?? fail("`query` is required");
      const keyArgument = stringArg(args, "argument") ?? fail("`argument` is required");
      const refetch = queryFields.get(refetchField) ?? fail(`the supergraph has no Query.${refetchField}`);
      const keyArg = refetch.arguments?.find((arg) => arg.name.value === keyArgument);
      if (!keyArg) fail(`Query.${refetchField} has no argument "${keyArgument}"`);
      const keySelection = stringArg(args, "key") ?? keyArgument;
      const resumeArgument = stringArg(args, "resume");
      if (resumeArgument && !hasArgument(field, resumeArgument)) fail(`the field has no argument "${resumeArgument}" to resume with`);
      served[name] = {
        subgraph,
        refetchField,
        keyArgument,
        keyType: print(keyArg!.type),
        keyPath: keyPathOf(keySelection, fail),
        keySelection,
        versionField: stringArg(args, "version"),
        startsWithState: args.startsWithState === true,
        resumeArgument,
      };
    }
  }
  return served;
}

/** join__Graph enum values (e.g. INVENTORY) by the subgraph name their @join__graph gives. */
function subgraphsByGraph(document: DocumentNode): Map<string, SubgraphName> {
  const known = new Set<string>(SUBGRAPHS);
  const graphs = new Map<string, SubgraphName>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== "join__Graph") continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((d) => d.name.value === "join__graph");
      const name = joinGraph && stringArg(argumentsOf(joinGraph), "name");
      if (name && known.has(name)) graphs.set(value.name.value, name as SubgraphName);
    }
  }
  return graphs;
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]));
}

function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function graphArgument(directive: ConstDirectiveNode): string | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === "graph")?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function hasArgument(field: FieldDefinitionNode, name: string): boolean {
  return field.arguments?.some((arg) => arg.name.value === name) ?? false;
}

/** `product { id }` → ["product", "id"]: a field set with exactly one field at each level. */
function keyPathOf(fieldSet: string, fail: (why: string) => never): string[] {
  let selectionSet: SelectionSetNode | undefined;
  try {
    const [operation] = parse(`{ ${fieldSet} }`).definitions;
    if (operation?.kind === Kind.OPERATION_DEFINITION) selectionSet = operation.selectionSet;
  } catch {
    fail(`key "${fieldSet}" is not a field set`);
  }
  const path: string[] = [];
  while (selectionSet) {
    const [only, ...more] = selectionSet.selections;
    if (!only || more.length || only.kind !== Kind.FIELD || only.alias || only.arguments?.length) {
      return fail(`key "${fieldSet}" must be one field path, e.g. "product { id }"`);
    }
    path.push(only.name.value);
    selectionSet = only.selectionSet;
  }
  return path;
}
