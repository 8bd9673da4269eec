import type { Sql } from "postgres";
import type { ShopConfig } from "../config";
import type { InternalFields } from "../internal-fields";
import { SUBGRAPHS, type SubgraphName } from "../subgraphs";

/** What every subgraph's start function resolves to (`startSubgraphService`): the part a test stack relies on. */
export interface StartedSubgraph {
  /** Which subgraph it is: the audience of the internal tokens it accepts. */
  name: SubgraphName;
  url: string;
  database: { sql: Sql; statements: { count: number } };
  /** Which services may call which of its internal fields (src/internal-fields.ts). */
  internalFields: InternalFields;
  stop(): Promise<void>;
}

/** A subgraph's start function: the shared config, and its own settings (default: read from the environment). */
type StartSubgraph<S extends StartedSubgraph = StartedSubgraph, Settings = never> = (config: ShopConfig, settings?: Settings) => Promise<S>;

/** A subgraph as its package's start function types it (tables, Redis, jobs): `Started<typeof startCartSubgraph>`. */
export type Started<Start extends StartSubgraph<StartedSubgraph, never>> = Awaited<ReturnType<Start>>;

export interface Stack {
  config: ShopConfig;
  subgraphs: Partial<Record<SubgraphName, StartedSubgraph>>;
  /** The gateway's GraphQL endpoint, when started with `{ gateway: true }`. */
  gatewayUrl: string;
  /** Total SQL statements the running subgraphs have sent so far. */
  statementCount(): number;
  stop(): Promise<void>;
}

/**
 * Loads a service package by name. The specifier is not a literal on purpose: the runtime must not depend on the
 * packages built on it (a cycle), so a test that starts a sibling declares that package in its own devDependencies,
 * and npm hoists every workspace into the root node_modules/@shop, where this import finds it.
 */
async function loadPackage(name: string): Promise<Record<string, unknown>> {
  const specifier = `@shop/${name}`;
  return (await import(specifier)) as Record<string, unknown>;
}

/**
 * Each subgraph's start function, found by convention: package `@shop/<name>` exports `start<Name>Subgraph`. Loaded
 * lazily, so a test pays only for the services it starts.
 */
async function starterOf(name: SubgraphName): Promise<StartSubgraph<StartedSubgraph, unknown>> {
  const exported = `start${name[0]!.toUpperCase()}${name.slice(1)}Subgraph`;
  const start = (await loadPackage(name))[exported];
  if (typeof start !== "function") throw new Error(`@shop/${name} does not export ${exported}`);
  return start as StartSubgraph<StartedSubgraph, unknown>;
}

/** The gateway's start function (package `@shop/gateway`). */
async function gatewayStarter(): Promise<(config: ShopConfig) => Promise<{ url: string; stop: () => Promise<void> }>> {
  const start = (await loadPackage("gateway")).startGateway;
  if (typeof start !== "function") throw new Error("@shop/gateway does not export startGateway");
  return start as (config: ShopConfig) => Promise<{ url: string; stop: () => Promise<void> }>;
}

export interface StackOptions {
  gateway?: boolean;
  /**
   * Subgraphs' own settings, each passed to its start function as the second argument; a subgraph given none loads
   * its own from the environment. Loose here, so the runtime needs no subgraph's types: callers type them with the
   * subgraph's own (`OrderSettings` of `@shop/order/settings`, `InventorySettings` of `@shop/inventory/settings`).
   */
  settings?: Partial<Record<SubgraphName, unknown>>;
}

/**
 * Starts the named subgraphs in this process on OS-chosen ports, in the list's order (siblings a subgraph asks come
 * first), points `config` at them (so sibling calls and the gateway find them), and optionally the gateway in front.
 * `stop` stops everything it started, in reverse.
 */
export async function startStack(config: ShopConfig, names: readonly SubgraphName[], options: StackOptions = {}): Promise<Stack> {
  const subgraphs: Stack["subgraphs"] = {};
  const stops: (() => Promise<void>)[] = [];
  for (const name of SUBGRAPHS.filter((name) => names.includes(name))) {
    const started = await (await starterOf(name))(config, options.settings?.[name]);
    subgraphs[name] = started;
    config.subgraphs[name].url = started.url;
    stops.push(() => started.stop());
  }
  let gatewayUrl = "";
  if (options.gateway) {
    const gateway = await (await gatewayStarter())(config);
    gatewayUrl = gateway.url;
    stops.push(gateway.stop);
  }
  return {
    config,
    subgraphs,
    gatewayUrl,
    statementCount: () => Object.values(subgraphs).reduce((sum, started) => sum + started.database.statements.count, 0),
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/**
 * One started subgraph, typed as its package starts it (`Started<typeof start<Name>Subgraph>`), for tests that reach
 * into its database or resources.
 */
export function subgraphOf<T extends StartedSubgraph>(stack: Stack, name: SubgraphName): T {
  const started = stack.subgraphs[name];
  if (!started) throw new Error(`this stack runs no ${name} subgraph`);
  return started as T;
}
