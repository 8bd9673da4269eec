import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  getNamedType,
  Kind,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  parse,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSubgraphClient,
  inaccessibleRootFields,
  INTERNAL_SERVICES,
  SUBGRAPHS,
  type InternalFields,
  type InternalService,
  type SubgraphName,
  WORKERS,
} from "@shop/runtime";
import { testConfig } from "@shop/runtime/testing";
import loadSubgraphSchema from "../scripts/codegen/subgraph-schema";
import { startStack, type Stack } from "./support/stack";

/**
 * The service-caller guard of every internal (@inaccessible) field, driven by the subgraphs' own declarations
 * (`INTERNAL_FIELDS`, as each started subgraph reports it): a field added to an SDL and its declaration is covered
 * here without touching this file.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack(testConfig(), SUBGRAPHS);
});
afterAll(() => stack.stop());

const sdlPath = (name: SubgraphName) => fileURLToPath(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url));
const declarationOf = (name: SubgraphName): InternalFields => stack.subgraphs[name]!.internalFields;

describe("internal fields", () => {
  it("are declared, with the services that may call them, exactly where the SDL marks a root field @inaccessible", () => {
    for (const name of SUBGRAPHS) {
      const inSdl = inaccessibleRootFields(parse(readFileSync(sdlPath(name), "utf8")));
      expect({ name, declared: Object.keys(declarationOf(name)).sort() }).toEqual({ name, declared: inSdl.sort() });
    }
  });

  it("grant each service exactly the fields its operation documents call (src/siblings/<callee>.graphql)", () => {
    const called = [...SUBGRAPHS.map((name) => ["subgraphs", name]), ...WORKERS.map((name) => ["workers", name])].flatMap(
      ([folder, caller]) =>
        siblingDocumentsOf(`${folder}/${caller}`).flatMap(({ callee, fields }) => fields.map((field) => `${callee}.${field} by ${caller}`)),
    );
    const granted = SUBGRAPHS.flatMap((callee) =>
      Object.entries(declarationOf(callee)).flatMap(([field, allowed]) => allowed.map((caller) => `${callee}.${field} by ${caller}`)),
    );
    expect(new Set(called)).toEqual(new Set(granted));
  });

  it("answer the services their declaration lists, and refuse the gateway and every other service with FORBIDDEN", async () => {
    const fields = SUBGRAPHS.flatMap((callee) =>
      Object.entries(declarationOf(callee)).map(([field, allowed]) => ({ callee, field, allowed })),
    );
    expect(fields.map(({ callee, field }) => `${callee}.${field}`)).toEqual(
      expect.arrayContaining(["product.productSnapshots", "cart.cartLines"]),
    );
    for (const { callee, field, allowed } of fields) {
      const document = callOf(loadSubgraphSchema(sdlPath(callee)), field);
      for (const caller of INTERNAL_SERVICES) {
        const outcome = await outcomeOf(callee, caller, document);
        const listed = (allowed as readonly string[]).includes(caller);
        // A listed caller may still meet the field's own rules (NOT_FOUND for an order never reserved): the guard let it through.
        expect({ field: `${callee}.${field}`, caller, forbidden: outcome === "FORBIDDEN" }).toEqual({
          field: `${callee}.${field}`,
          caller,
          forbidden: !listed,
        });
      }
    }
  });
});

/** The root fields each of `caller`'s sibling operation documents calls, by callee (the file name). */
/** The operations a service (`subgraphs/<name>` or `workers/<name>`) sends its siblings, by callee. */
function siblingDocumentsOf(workspace: string): { callee: string; fields: string[] }[] {
  const folder = new URL(`../${workspace}/src/siblings/`, import.meta.url);
  if (!existsSync(folder)) return []; // a service that calls no sibling
  const files = readdirSync(folder).filter((file) => file.endsWith(".graphql"));
  return files.map((file) => ({
    callee: file.replace(/\.graphql$/, ""),
    fields: parse(readFileSync(new URL(file, folder), "utf8")).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))
        : [],
    ),
  }));
}

/** Calls `document` on `callee` signed as `caller`: "answered", or the code of the error it got. */
async function outcomeOf(callee: SubgraphName, caller: InternalService, document: DocumentNode): Promise<string> {
  const call = createSubgraphClient({
    url: stack.config.subgraphs[callee].url,
    audience: callee,
    service: caller,
    internalKeys: stack.config.internalKeys,
  });
  try {
    await call(document, {});
    return "answered";
  } catch (error) {
    return String((error as { extensions?: { code?: unknown } }).extensions?.code);
  }
}

/** A valid operation calling the root field `field` with made-up arguments (fresh ids, 1, one element per list). */
function callOf(schema: GraphQLSchema, field: string): DocumentNode {
  const [operation, definition] = (
    [
      ["query", schema.getQueryType()],
      ["mutation", schema.getMutationType()],
    ] as const
  )
    .map(([kind, type]) => [kind, type?.getFields()[field]] as const)
    .find(([, found]) => found !== undefined)!;
  const args = definition!.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: ${valueOf(arg.type)}`);
  const selection = isLeafType(getNamedType(definition!.type)) ? "" : " { __typename }";
  return parse(`${operation} { ${field}${args.length > 0 ? `(${args.join(", ")})` : ""}${selection} }`);
}

function valueOf(type: GraphQLInputType): string {
  if (isNonNullType(type)) return valueOf(type.ofType);
  if (isListType(type)) return `[${valueOf(type.ofType)}]`;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${required.map((field) => `${field.name}: ${valueOf(field.type)}`).join(", ")} }`;
  }
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (type.name === "Int" || type.name === "Float") return "1";
  if (type.name === "Boolean") return "true";
  return JSON.stringify(type.name === "ID" ? randomUUID() : "probe");
}
