import { scrapedGauge } from "@shop/runtime";

const openSockets = scrapedGauge("shop_websocket_connections", "graphql-ws connections open on the gateway now.");
const liveOperations = scrapedGauge(
  "shop_subscription_operations",
  "Operations running over the gateway's graphql-ws connections now: subscriptions (and queries or mutations in flight).",
);

/** Puts the gateway's graphql-ws server in the metrics; returns the removal, for `stop`. */
export function observeSubscriptions(server: { connectionCount(): number; operationCount(): number }): () => void {
  const removals = [
    openSockets.observe(() => [{ value: server.connectionCount() }]),
    liveOperations.observe(() => [{ value: server.operationCount() }]),
  ];
  return () => removals.forEach((remove) => remove());
}
