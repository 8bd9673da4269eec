/**
 * The one place Redis keys of this subgraph are built.
 *
 * `{stock}` is a Redis Cluster hash tag shared by every key: a reservation is one Lua script over all lines of an
 * order (all or none), and a script may only touch keys of one slot, so the counters an order can combine must
 * hash together. One shop's stock therefore lives in one slot; a multi-shop deployment would tag by shop id to
 * spread shops across the cluster.
 */
const TAG = "inventory:{stock}";

export function availableKey(productId: string): string {
  return `${TAG}:available:${productId}`;
}
