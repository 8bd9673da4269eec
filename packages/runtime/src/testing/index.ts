// `@shop/runtime/testing`: the one harness of every test in the repository. Each module is small and says what it is
// for; tests import from here only.
export * from "./config";
export * from "./calls";
export * from "./viewers";
export * from "./stack";
export * from "./isolation";
export * from "./harness";
export * from "./seeded-random";
export * from "./env";
export * from "./ports";
