import type { ShopConfig, SubgraphName } from "@shop/runtime";

/** Each service's start function, loaded lazily so a test pays only for the services it starts. */
const starters = {
  user: async () => (await import("@shop/user")).startUserSubgraph,
  product: async () => (await import("@shop/product")).startProductSubgraph,
  inventory: async () => (await import("@shop/inventory")).startInventorySubgraph,
  cart: async () => (await import("@shop/cart")).startCartSubgraph,
  order: async () => (await import("@shop/order")).startOrderSubgraph,
};

type Started = { [K in SubgraphName]: Awaited<ReturnType<Awaited<ReturnType<(typeof starters)[K]>>>> };

export interface Stack {
  config: ShopConfig;
  subgraphs: Partial<Started>;
  /** The gateway's GraphQL endpoint, when started with `{ gateway: true }`. */
  gatewayUrl: string;
  /** Total SQL statements the running subgraphs have sent so far. */
  statementCount(): number;
  stop(): Promise<void>;
}

/**
 * Starts the named subgraphs in this process on OS-chosen ports, points `config` at them (so sibling calls and
 * the gateway find them), and optionally the gateway in front. `stop` stops everything it started, in reverse.
 */
export async function startStack(config: ShopConfig, names: readonly SubgraphName[], options: { gateway?: boolean } = {}): Promise<Stack> {
  const subgraphs: Partial<Started> = {};
  const stops: (() => Promise<void>)[] = [];
  // Product first: cart and inventory ask it whether a product exists.
  const ordered = (["product", "user", "inventory", "cart", "order"] as const).filter((name) => names.includes(name));
  for (const name of ordered) {
    const start = (await starters[name]()) as (config: ShopConfig) => Promise<{ url: string; stop(): Promise<void> }>;
    const started = await start(config);
    (subgraphs as Record<string, unknown>)[name] = started;
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
    statementCount: () =>
      Object.values(subgraphs).reduce((sum, started) => sum + (started as { database: { statements: { count: number } } }).database.statements.count, 0),
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
