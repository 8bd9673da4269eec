import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type SelectionSetNode,
} from "graphql";
import { ErrorCode } from "./errors";
import type { InternalService } from "./internal-keys";
import { requireServiceCaller } from "./guards";
import type { BaseContext, ResolverMap } from "./resolver-map";

/**
 * Which sibling services may call each internal (@inaccessible) root field of a subgraph, one entry per field:
 * `{ productSnapshots: ["cart", "inventory", "order"] }` (a worker, such as `notifications`, may be listed too).
 * The gateway can never be listed.
 */
export type InternalFields = Readonly<Record<string, readonly Exclude<InternalService, "gateway">[]>>;

/** A root type's entry of a resolver map: field name to resolver (or `{ resolve, subscribe }`). */
type RootResolvers<C> = Record<
  string,
  GraphQLFieldResolver<unknown, C> | { resolve?: GraphQLFieldResolver<unknown, C>; subscribe?: GraphQLFieldResolver<unknown, C> }
>;

const ROOT_TYPES = ["Query", "Mutation", "Subscription"];
// `federation__inaccessible` is the name the directive has when a subgraph's @link does not import it.
const INACCESSIBLE = new Set(["inaccessible", "federation__inaccessible"]);

/** The Query, Mutation and Subscription fields a subgraph SDL marks @inaccessible: its internal fields. */
export function inaccessibleRootFields(typeDefs: DocumentNode): string[] {
  return typeDefs.definitions.flatMap((definition) => {
    const isRoot =
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      ROOT_TYPES.includes(definition.name.value);
    if (!isRoot) return [];
    return (definition.fields ?? [])
      .filter((field) => field.directives?.some((directive) => INACCESSIBLE.has(directive.name.value)))
      .map((field) => field.name.value);
  });
}

/**
 * The resolver map with `requireServiceCaller` in front of every internal field, from the subgraph's one
 * declaration. Throws (the subgraph does not start) when the declaration and the SDL disagree: an @inaccessible
 * field nobody declared would answer anyone holding an internal token, and a declared field that is not
 * @inaccessible would be a guard on a public field.
 */
export function guardInternalFields<C extends BaseContext>(
  typeDefs: DocumentNode,
  resolvers: ResolverMap<C>,
  declared: InternalFields,
): ResolverMap<C> {
  const internal = inaccessibleRootFields(typeDefs);
  const undeclared = internal.filter((field) => !Object.hasOwn(declared, field));
  const notInternal = Object.keys(declared).filter((field) => !internal.includes(field));
  const nobody = Object.keys(declared).filter((field) => declared[field]!.length === 0);
  if (undeclared.length + notInternal.length + nobody.length > 0) {
    throw new Error(
      [
        undeclared.length > 0 && `@inaccessible fields without a declaration of their callers: ${undeclared.join(", ")}`,
        notInternal.length > 0 && `declared internal but not @inaccessible root fields in the SDL: ${notInternal.join(", ")}`,
        nobody.length > 0 && `declared internal with no service allowed to call them: ${nobody.join(", ")}`,
      ]
        .filter(Boolean)
        .join("; "),
    );
  }

  const guarded: ResolverMap<C> = { ...resolvers };
  const unresolved = new Set(internal);
  for (const typeName of ROOT_TYPES) {
    const fields = resolvers[typeName] as RootResolvers<C> | undefined;
    if (!fields) continue;
    guarded[typeName] = Object.fromEntries(
      Object.entries(fields).map(([field, resolver]) => {
        if (!Object.hasOwn(declared, field)) return [field, resolver];
        if (typeof resolver !== "function")
          throw new Error(`internal field ${typeName}.${field} must have a plain resolver function to be guarded`);
        unresolved.delete(field);
        return [field, guard(field, declared[field]!, resolver)];
      }),
    );
  }
  // Without a resolver the default one would answer (null): a silent hole, not a guarded field.
  if (unresolved.size > 0) throw new Error(`internal fields without a resolver: ${[...unresolved].join(", ")}`);
  return guarded;
}

function guard<C extends BaseContext>(
  field: string,
  allowed: readonly string[],
  resolve: GraphQLFieldResolver<unknown, C>,
): GraphQLFieldResolver<unknown, C> {
  return (parent, args, ctx, info) => {
    requireServiceCaller(ctx.caller, field, allowed);
    return resolve(parent, args, ctx, info);
  };
}

/**
 * A sibling's internal token reaches internal fields only: an operation of any caller but the gateway that selects a
 * public root field (or `_entities`, `_service`) is refused as a whole, FORBIDDEN with HTTP 403, before it runs. Which
 * sibling may call which internal field is the resolvers' guard (`guardInternalFields`). So a subgraph taken over
 * can neither act as the gateway nor read the public graph as a service.
 */
export function siblingsCallOnlyTheirFields(declared: InternalFields): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: { caller }, operation, document }) {
          if (caller === "gateway" || !operation) return;
          const fragments = new Map(
            document.definitions.flatMap((definition) =>
              definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
            ),
          );
          const refused = rootFieldsOf(operation.selectionSet, fragments).filter(
            (field) => field !== "__typename" && !Object.hasOwn(declared, field),
          );
          if (refused.length === 0) return;
          throw new GraphQLError(`Only the gateway may call ${refused.join(", ")}: the ${caller} service may call internal fields only`, {
            extensions: { code: ErrorCode.Forbidden, http: { status: 403 } },
          });
        },
      };
    },
  };
}

/** The root fields a selection set selects, through inline fragments and fragment spreads. */
function rootFieldsOf(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldsOf(selection.selectionSet, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? rootFieldsOf(fragment.selectionSet, fragments) : [];
  });
}
