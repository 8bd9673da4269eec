import { createSubgraphClient, type ShopConfig, type SubgraphName } from "@shop/runtime";

export interface PricedLine {
  productId: string;
  title: string;
  unitPriceAmount: number;
  quantity: number;
}

export type ReservationState = "HELD" | "REFUSED" | "RELEASED" | "COMMITTED" | "RETURNED";

export interface Reservation {
  state: ReservationState;
  shortages: { productId: string; requested: number; available: number }[];
}

interface Snapshot {
  id: string;
  title: string;
  status: "ACTIVE" | "ARCHIVED";
  priceAmount: number;
  currency: string;
}

const RESERVATION = "orderId state shortages { productId requested available }";

/**
 * The order subgraph's view of its siblings: their @inaccessible internal fields, called directly with the
 * order service's credential (never through the gateway). URLs are read per call so tests can move services.
 */
export function createSiblings(config: ShopConfig) {
  const client = (name: SubgraphName, timeoutMs = 5000) => {
    const calls = new Map<string, ReturnType<typeof createSubgraphClient>>();
    return <T>(query: string, variables: Record<string, unknown>) => {
      const url = config.subgraphs[name].url;
      let call = calls.get(url);
      if (!call) calls.set(url, (call = createSubgraphClient({ url, service: "order", internalTokenSecret: config.internalTokenSecret, timeoutMs })));
      return call<T>(query, variables);
    };
  };
  const cart = client("cart");
  const product = client("product");
  const inventory = client("inventory");

  return {
    cartLines: async (userId: string) =>
      (await cart<{ cartLines: { productId: string; quantity: number }[] }>(`query($u: ID!) { cartLines(userId: $u) { productId quantity } }`, { u: userId })).cartLines,
    consumeCartLines: async (userId: string, orderId: string, lines: readonly { productId: string; quantity: number }[]) =>
      (
        await cart<{ consumeCartLines: boolean }>(
          `mutation($u: ID!, $o: ID!, $l: [CartLineInput!]!) { consumeCartLines(userId: $u, orderId: $o, lines: $l) }`,
          { u: userId, o: orderId, l: lines.map(({ productId, quantity }) => ({ productId, quantity })) },
        )
      ).consumeCartLines,
    productSnapshots: async (ids: readonly string[]) =>
      (await product<{ productSnapshots: (Snapshot | null)[] }>(`query($ids: [ID!]!) { productSnapshots(ids: $ids) { id title status priceAmount currency } }`, { ids })).productSnapshots,
    reserveStock: async (orderId: string, lines: readonly { productId: string; quantity: number }[], ttlSeconds: number) =>
      (
        await inventory<{ reserveStock: Reservation }>(
          `mutation($o: ID!, $l: [StockLineInput!]!, $t: Int) { reserveStock(orderId: $o, lines: $l, ttlSeconds: $t) { ${RESERVATION} } }`,
          { o: orderId, l: lines.map(({ productId, quantity }) => ({ productId, quantity })), t: ttlSeconds },
        )
      ).reserveStock,
    commitReservation: async (orderId: string) =>
      (await inventory<{ commitReservation: Reservation }>(`mutation($o: ID!) { commitReservation(orderId: $o) { ${RESERVATION} } }`, { o: orderId })).commitReservation,
    releaseReservation: async (orderId: string) =>
      (await inventory<{ releaseReservation: Reservation }>(`mutation($o: ID!) { releaseReservation(orderId: $o) { ${RESERVATION} } }`, { o: orderId })).releaseReservation,
    returnStock: async (orderId: string) =>
      (await inventory<{ returnStock: Reservation }>(`mutation($o: ID!) { returnStock(orderId: $o) { ${RESERVATION} } }`, { o: orderId })).returnStock,
  };
}

export type Siblings = ReturnType<typeof createSiblings>;
