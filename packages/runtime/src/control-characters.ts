import { defaultFieldResolver, Kind, type DocumentNode, type GraphQLFieldResolver } from "graphql";
import { badUserInput } from "./errors";
import type { BaseContext, ResolverMap } from "./resolver-map";

/**
 * C0 controls but tab, line feed and carriage return (which text such as a description may hold), DEL, and the C1
 * controls. NUL would reach PostgreSQL as an encoding error; the others are invisible in every UI that shows the text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * The first string inside `value` (an argument: a string, a list, an input object, nested) that holds a control
 * character, with its path from `path` (`input.line1`, `lines.2.productId`); null when there is none.
 */
export function findControlCharacter(value: unknown, path: string): { path: string; codePoint: number } | null {
  if (typeof value === "string") {
    const found = CONTROL.exec(value);
    return found ? { path, codePoint: found[0].codePointAt(0)! } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findControlCharacter(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** BAD_USER_INPUT naming the argument path, for the first control character in `args`. */
export function assertNoControlCharacters(args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) {
    const found = findControlCharacter(value, name);
    if (found) {
      const code = `U+${found.codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
      throw badUserInput(found.path, `must not contain control characters (found ${code})`);
    }
  }
}

/**
 * Puts the control-character check in front of every field of `typeDefs` that takes arguments, before its resolver
 * (or its `subscribe`) runs: one check for every string input of the subgraph, so none reaches a service or SQL.
 */
export function refuseControlCharacters<C extends BaseContext>(typeDefs: DocumentNode, resolvers: ResolverMap<C>): ResolverMap<C> {
  const checked: ResolverMap<C> = { ...resolvers };
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    for (const field of definition.fields ?? []) {
      if (!field.arguments?.length) continue;
      const fields = { ...(checked[typeName] as Record<string, FieldResolvers<C>> | undefined) };
      fields[field.name.value] = checkArguments(fields[field.name.value]);
      checked[typeName] = fields;
    }
  }
  return checked;
}

type Resolver<C> = GraphQLFieldResolver<unknown, C>;
type FieldResolvers<C> = Resolver<C> | { requires?: string; resolve?: Resolver<C>; subscribe?: Resolver<C> };

function checkArguments<C>(given: FieldResolvers<C> | undefined): FieldResolvers<C> {
  const check =
    (resolve: Resolver<C>): Resolver<C> =>
    (parent, args: Record<string, unknown>, ctx, info) => {
      assertNoControlCharacters(args);
      return resolve(parent, args, ctx, info);
    };
  if (given === undefined) return check(defaultFieldResolver as Resolver<C>);
  if (typeof given === "function") return check(given);
  return {
    ...given,
    ...(given.subscribe
      ? { subscribe: check(given.subscribe) }
      : { resolve: check(given.resolve ?? (defaultFieldResolver as Resolver<C>)) }),
  };
}
