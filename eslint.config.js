// ESLint with typescript-eslint's type-checked rules: the mistakes the compiler lets through (floating promises,
// `any` leaking into typed code, async callbacks where a sync one is expected). Formatting is Prettier's job.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/", "**/generated/", ".data/", "**/drizzle/meta/", "**/dist/", "**/.dist-*/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // One program over every workspace (tsconfig.lint.json), instead of one per workspace tsconfig: the same compiler
    // options, half the time, since each program would load Apollo's and graphql's types again.
    languageOptions: { parserOptions: { project: "./tsconfig.lint.json", tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Interfaces we implement (Apollo plugins, graphql-js resolvers, async iterators) ask for promises; an `async`
      // function with nothing to await is the plain way to return one.
      "@typescript-eslint/require-await": "off",
      // `_name` marks a value we destructure only to leave it out.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The web app compiles for the browser (DOM types, JSX): its own program, from its own tsconfig.
    files: ["clients/web/**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { project: "./clients/web/tsconfig.json", tsconfigRootDir: import.meta.dirname } },
  },
  {
    // Tests and benchmarks read GraphQL answers as JSON and check their shape with assertions; typing every answer
    // would repeat the schema without catching more. Production code gets the full type-checked rule set.
    files: ["tests/**", "**/test/**", "**/*.test.ts", "bench/**", "packages/runtime/src/testing/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
  prettier,
);
