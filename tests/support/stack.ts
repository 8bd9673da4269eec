import { subgraphOf, type Stack, type Started } from "@shop/runtime/testing";
import type { startInventorySubgraph } from "@shop/inventory";
import type { startOrderSubgraph } from "@shop/order";

// The stack itself is the shared test harness's (`@shop/runtime/testing`), so subgraph tests start one without
// reaching into this folder; this file adds the typed accessors the end-to-end tests share.
export { startStack, type Stack } from "@shop/runtime/testing";

/** The order subgraph as started, with its live-tracking hub (tests that break its Redis connection reach for it). */
export type OrderSubgraph = Started<typeof startOrderSubgraph>;
/** The inventory subgraph as started, with its stock jobs (sweep, invariant check) and Redis client. */
export type InventorySubgraph = Started<typeof startInventorySubgraph>;

/** The stack's order subgraph, typed as the order package starts it. */
export const orderSubgraphOf = (stack: Stack) => subgraphOf<OrderSubgraph>(stack, "order");

/** The stack's inventory subgraph, typed as the inventory package starts it. */
export const inventorySubgraphOf = (stack: Stack) => subgraphOf<InventorySubgraph>(stack, "inventory");
