import { startCartSubgraph } from "@shop/cart";
import { startGateway } from "@shop/gateway";
import { startInventorySubgraph } from "@shop/inventory";
import { startOrderSubgraph } from "@shop/order";
import { startProductSubgraph } from "@shop/product";
import { startUserSubgraph } from "@shop/user";
import type { ShopConfig, SubgraphName } from "@shop/runtime";

const starters = {
  user: startUserSubgraph,
  product: startProductSubgraph,
  inventory: startInventorySubgraph,
  cart: startCartSubgraph,
  order: startOrderSubgraph,
} as const;

type Started = { [K in SubgraphName]: Awaited<ReturnType<(typeof starters)[K]>> };

export interface Stack {
  config: ShopConfig;
  subgraphs: Partial<Started>;
  gatewayUrl?: string;
  /** Total SQL statements the running subgraphs have sent so far. */
  statementCount(): number;
  stop(): Promise<void>;
}

/**
 * Starts the named subgraphs in this process on OS-chosen ports, points `config` at them (so sibling calls and
 * the gateway find them), and optionally the gateway in front. Everything started is stopped by `stop`.
 */
export async function startStack(config: ShopConfig, names: readonly SubgraphName[], options: { gateway?: boolean } = {}): Promise<Stack> {
  const subgraphs: Partial<Started> = {};
  const stops: (() => Promise<void>)[] = [];
  // Product first: cart and inventory ask it whether a product exists.
  const ordered = (["product", "user", "inventory", "cart", "order"] as const).filter((name) => names.includes(name));
  for (const name of ordered) {
    const started = await (starters[name] as (config: ShopConfig) => Promise<Started[typeof name]>)(config);
    (subgraphs as Record<string, unknown>)[name] = started;
    config.subgraphs[name].url = started.url;
    stops.push(started.stop);
  }
  let gatewayUrl: string | undefined;
  if (options.gateway) {
    const gateway = await startGateway(config);
    gatewayUrl = gateway.url;
    stops.push(gateway.stop);
  }
  return {
    config,
    subgraphs,
    gatewayUrl,
    statementCount: () => Object.values(subgraphs).reduce((sum, s) => sum + s.database.statements.count, 0),
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
