import { SUBGRAPHS, type InternalFields, type ShopConfig, type SubgraphName } from "@shop/runtime";
import type { startInventorySubgraph } from "@shop/inventory";
import type { startOrderSubgraph } from "@shop/order";

/** What every subgraph's start function resolves to (runtime `startSubgraphService`). */
interface StartedSubgraph {
  url: string;
  database: { sql: import("postgres").Sql; statements: { count: number } };
  /** Which services may call which of its internal fields (src/internal-fields.ts). */
  internalFields: InternalFields;
  stop(): Promise<void>;
}

/** The order subgraph as started, with its live-tracking hub (tests that break its Redis connection reach for it). */
export type OrderSubgraph = Awaited<ReturnType<typeof startOrderSubgraph>>;
/** The inventory subgraph as started, with its stock jobs (sweep, invariant check) and Redis client. */
export type InventorySubgraph = Awaited<ReturnType<typeof startInventorySubgraph>>;

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
 * Each subgraph's start function, found by convention: package `@shop/<name>` exports `start<Name>Subgraph`. Loaded
 * lazily, so a test pays only for the services it starts.
 */
async function starterOf(name: SubgraphName): Promise<(config: ShopConfig, settings?: unknown) => Promise<StartedSubgraph>> {
  const exported = `start${name[0]!.toUpperCase()}${name.slice(1)}Subgraph`;
  const module = (await import(`@shop/${name}`)) as Record<string, unknown>;
  const start = module[exported];
  if (typeof start !== "function") throw new Error(`@shop/${name} does not export ${exported}`);
  return start as (config: ShopConfig, settings?: unknown) => Promise<StartedSubgraph>;
}

export interface StackOptions {
  gateway?: boolean;
  /**
   * Subgraphs' own settings, each passed to its start function as the second argument; a subgraph given none loads
   * its own from the environment. Loose here, so the stack needs no subgraph's types: callers type them with the
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
    const { startGateway } = await import("@shop/gateway");
    const gateway = await startGateway(config);
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
 * One started subgraph, typed as its package starts it (`Awaited<ReturnType<typeof start<Name>Subgraph>>`), for tests
 * that reach into its database or resources.
 */
export function subgraphOf<T extends StartedSubgraph>(stack: Stack, name: SubgraphName): T {
  const started = stack.subgraphs[name];
  if (!started) throw new Error(`this stack runs no ${name} subgraph`);
  return started as T;
}

/** The stack's order subgraph, typed as the order package starts it. */
export const orderSubgraphOf = (stack: Stack) => subgraphOf<OrderSubgraph>(stack, "order");

/** The stack's inventory subgraph, typed as the inventory package starts it. */
export const inventorySubgraphOf = (stack: Stack) => subgraphOf<InventorySubgraph>(stack, "inventory");
