import { afterAll, beforeAll } from "vitest";
import type { Viewer } from "../auth";
import type { ShopConfig } from "../config";
import type { InternalService } from "../internal-keys";
import { createSubgraphClient, type SubgraphRequest } from "../subgraph-client";
import type { SubgraphName } from "../subgraphs";
import { callSubgraph, type GraphQLResponse } from "./calls";
import { testConfig } from "./config";
import { isolate } from "./isolation";
import { startStack, subgraphOf, type Stack, type StackOptions, type StartedSubgraph } from "./stack";

/** One running subgraph as a test file sees it: the same shape whether the file started it alone or in a stack. */
export interface SubgraphHarness<S extends StartedSubgraph = StartedSubgraph, Settings = unknown> {
  /** The test stack's config; change it at the top of the file, before `beforeAll` starts the subgraph with it. */
  readonly config: ShopConfig;
  /** The settings it was started with, when the file gave some (else it read its own from the environment). */
  readonly settings: Settings | undefined;
  /** The running subgraph as its package types it (database, Redis, jobs); there from `beforeAll` on. */
  readonly subgraph: S;
  /** Calls it as the gateway does, for `viewer` (anonymous by default). */
  call<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer | null): Promise<GraphQLResponse<T>>;
  /** A typed client calling it as the sibling `service` does (its internal fields): `createSubgraphClient`. */
  as(service: InternalService, options?: { timeoutMs?: number }): SubgraphRequest;
  /** SQL statements the subgraph sends while `run` runs. */
  statementsDuring<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }>;
}

export interface HarnessOptions<Settings> {
  /** The config to start with (default: a fresh `testConfig()`), for files that adjust it first. */
  config?: ShopConfig;
  /** Databases and a stock key prefix of the file's own (`isolate`), dropped once everything has stopped. */
  isolated?: { name: string };
  /**
   * The service's own settings (default: each loads its own from the environment). As a function, it is given the
   * isolation's stock key prefix ("" when not isolated), which every inventory on the isolated databases must use.
   */
  settings?: Settings | ((isolation: { stockKeyPrefix: string }) => Settings);
}

/** Isolates the config when asked, and resolves the settings against the isolation. */
function prepare<Settings>(config: ShopConfig, options: HarnessOptions<Settings>) {
  const isolation = options.isolated ? isolate(config, options.isolated.name) : undefined;
  const { settings } = options;
  const resolved =
    typeof settings === "function"
      ? (settings as (isolation: { stockKeyPrefix: string }) => Settings)({ stockKeyPrefix: isolation?.stockKeyPrefix ?? "" })
      : settings;
  return { settings: resolved, drop: isolation?.drop };
}

/**
 * Starts this file's own subgraph with `start` (its package's `start<Name>Subgraph`) in `beforeAll` and stops it in
 * `afterAll`. Call it at the top of the test file.
 */
export function useSubgraph<S extends StartedSubgraph, Settings = never>(
  start: (config: ShopConfig, settings?: Settings) => Promise<S>,
  options: HarnessOptions<Settings> = {},
): SubgraphHarness<S, Settings> {
  const config = options.config ?? testConfig();
  const { settings, drop: dropIsolated } = prepare(config, options);
  let started: S | undefined;
  beforeAll(async () => {
    started = await start(config, settings);
  });
  afterAll(async () => {
    await started?.stop();
    await dropIsolated?.();
  });
  return harnessOf(config, settings, () => started ?? notStartedYet());
}

export interface StackHarness {
  readonly config: ShopConfig;
  /** The running stack; there from `beforeAll` on. */
  readonly stack: Stack;
  /** The gateway's GraphQL endpoint, when started with `gateway: true`. */
  readonly gatewayUrl: string;
  /** One of its subgraphs, typed as its package starts it (`Started<typeof start<Name>Subgraph>`). */
  subgraph<S extends StartedSubgraph = StartedSubgraph>(name: SubgraphName): SubgraphHarness<S>;
}

/**
 * Starts the named subgraphs (and the gateway, with `gateway: true`) together in `beforeAll`, as `startStack` does,
 * and stops them in `afterAll`. A package whose tests start another service lists it in its devDependencies.
 */
export function useStack(
  names: readonly SubgraphName[],
  options: HarnessOptions<StackOptions["settings"]> & { gateway?: boolean } = {},
): StackHarness {
  const config = options.config ?? testConfig();
  const { settings, drop: dropIsolated } = prepare(config, options);
  let started: Stack | undefined;
  const stack = () => started ?? notStartedYet();
  beforeAll(async () => {
    started = await startStack(config, names, { gateway: options.gateway, settings });
  });
  afterAll(async () => {
    await started?.stop();
    await dropIsolated?.();
  });
  return {
    config,
    get stack() {
      return stack();
    },
    get gatewayUrl() {
      return stack().gatewayUrl;
    },
    subgraph: <S extends StartedSubgraph>(name: SubgraphName) => harnessOf(config, settings?.[name], () => subgraphOf<S>(stack(), name)),
  };
}

function harnessOf<S extends StartedSubgraph, Settings>(
  config: ShopConfig,
  settings: Settings | undefined,
  subgraph: () => S,
): SubgraphHarness<S, Settings> {
  return {
    config,
    settings,
    get subgraph() {
      return subgraph();
    },
    call: (query, variables = {}, viewer = null) => callSubgraph(config, subgraph().name, subgraph().url, query, variables, viewer),
    // The URL is read per call, so a client may be made at the top of the file, before the subgraph listens.
    as:
      (service, options = {}) =>
      (document, variables, viewer) =>
        createSubgraphClient({
          url: subgraph().url,
          audience: subgraph().name,
          service,
          internalKeys: config.internalKeys,
          ...options,
        })(document, variables, viewer),
    statementsDuring: async (run) => {
      const { statements } = subgraph().database;
      const before = statements.count;
      const result = await run();
      return { result, statements: statements.count - before };
    },
  };
}

function notStartedYet(): never {
  throw new Error("the harness starts its services in beforeAll: use them inside tests and hooks, not at the top of the file");
}
