/**
 * GraphQL Code Generator. `npm run codegen` writes the files below; `npm test` runs it with --check and fails when any
 * is stale. Never edit the generated files by hand. Every entry derives from the subgraph list
 * (packages/runtime/src/subgraphs.ts) and the files in each subgraph folder, so a new subgraph needs nothing here.
 */
import { existsSync, readdirSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { SUBGRAPHS, WORKERS, type SubgraphName } from "./packages/runtime/src/subgraphs";

/** Typed resolvers per subgraph, its own models (`<subgraph>/codegen.ts`) standing in for the types they back. */
async function resolverTypes(name: SubgraphName): Promise<CodegenConfig["generates"]> {
  const { resolverMappers } = (await import(`./subgraphs/${name}/codegen.ts`)) as { resolverMappers: Record<string, string> };
  return {
    [`subgraphs/${name}/src/generated/resolvers.ts`]: {
      schema: `subgraphs/${name}/schema.graphql`,
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        federation: true,
        useIndexSignature: true,
        contextType: "../context#Context",
        scalars: { DateTime: "Date | string", ID: "string" },
        mappers: Object.fromEntries(Object.entries(resolverMappers).map(([type, model]) => [type, `../models#${model}`])),
      },
    },
  };
}

/**
 * A service's calls to a subgraph: the operations in `<caller folder>/src/siblings/<callee>.graphql` (a subgraph's,
 * or a worker's such as `workers/notifications`), validated and
 * typed against the callee's own schema (not the supergraph, where internal fields are @inaccessible), as the callee
 * serves it: scripts/codegen/subgraph-schema.ts builds it with @apollo/subgraph (hence `--require tsx/cjs`).
 */
function siblingCalls(callerFolder: string): CodegenConfig["generates"] {
  const folder = `${callerFolder}/src/siblings`;
  const callees = existsSync(folder)
    ? readdirSync(folder)
        .filter((file) => file.endsWith(".graphql"))
        .map((file) => file.slice(0, -".graphql".length))
    : [];
  return Object.fromEntries(
    callees.map((callee) => [
      `${callerFolder}/src/generated/siblings/${callee}.ts`,
      {
        schema: { [`subgraphs/${callee}/schema.graphql`]: { loader: "./scripts/codegen/subgraph-schema.ts" } },
        documents: `${folder}/${callee}.graphql`,
        plugins: ["typescript-operations", "typed-document-node"],
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          skipTypename: true,
          // What arrives over JSON: a DateTime is an ISO string.
          scalars: { DateTime: "string", ID: "string" },
        },
      },
    ]),
  );
}

/** Typed operations for the end-to-end tests, against the composed supergraph (what clients see). */
const testOperations: CodegenConfig["generates"] = {
  "tests/generated/operations.ts": {
    schema: "schema/supergraph.graphql",
    documents: "tests/operations/**/*.graphql",
    plugins: ["typescript-operations", "typed-document-node"],
    config: {
      useTypeImports: true,
      enumsAsTypes: true,
      avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      scalars: { DateTime: "string", ID: "string" },
    },
  },
};

/**
 * The web app's operations: every `graphql()` document in clients/web/src, typed by the client preset against the API
 * schema (what the gateway serves a browser). Fragment masking stays on, so a component sees only the fields its own
 * fragment asks for.
 */
const webOperations: CodegenConfig["generates"] = {
  "clients/web/src/generated/": {
    schema: { "schema/supergraph.graphql": { loader: "./scripts/codegen/api-schema.ts" } },
    documents: ["clients/web/src/**/*.{ts,tsx}", "!clients/web/src/generated/**"],
    preset: "client",
    presetConfig: { fragmentMasking: { unmaskFunctionName: "getFragmentData" } },
    config: {
      useTypeImports: true,
      enumsAsTypes: true,
      strictScalars: true,
      scalars: { DateTime: "string", ID: "string" },
    },
  },
};

const generates: CodegenConfig["generates"] = {};
for (const entries of [
  ...(await Promise.all(SUBGRAPHS.map(resolverTypes))),
  ...SUBGRAPHS.map((name) => siblingCalls(`subgraphs/${name}`)),
  ...WORKERS.map((name) => siblingCalls(`workers/${name}`)),
  testOperations,
  webOperations,
]) {
  Object.assign(generates, entries);
}

const config: CodegenConfig = {
  overwrite: true,
  config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "Date | string", ID: "string" } },
  generates,
};

export default config;
