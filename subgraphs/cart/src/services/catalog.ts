import { badUserInput, createSubgraphClient, notFound, type ShopConfig } from "@shop/runtime";

/** What the cart needs to know about a product before adding it: whether it is still sold. */
export interface ProductStatusSnapshot {
  id: string;
  status: "ACTIVE" | "ARCHIVED";
}

/** The product subgraph's internal API, as the cart uses it. */
export interface ProductCatalog {
  /** The product's status, or null when the product subgraph does not know the id. */
  find(productId: string): Promise<ProductStatusSnapshot | null>;
}

const SNAPSHOTS = `query CartProductSnapshots($ids: [ID!]!) { productSnapshots(ids: $ids) { id status } }`;

/** Asks the product subgraph's internal `productSnapshots` with the cart's service credential. */
export function createProductCatalog(config: Pick<ShopConfig, "subgraphs" | "internalTokenSecret">): ProductCatalog {
  return {
    async find(productId) {
      // The URL is read per call: tests (startStack) point it at a product subgraph started on a random port.
      const request = createSubgraphClient({
        url: config.subgraphs.product.url,
        service: "cart",
        internalTokenSecret: config.internalTokenSecret,
      });
      const data = await request<{ productSnapshots: (ProductStatusSnapshot | null)[] }>(SNAPSHOTS, { ids: [productId] });
      return data.productSnapshots[0] ?? null;
    },
  };
}

/** Only ACTIVE products go into a cart: unknown is NOT_FOUND, archived is BAD_USER_INPUT on `productId`. */
export function assertSellable(snapshot: ProductStatusSnapshot | null, productId: string): void {
  if (!snapshot) throw notFound("Product", productId);
  if (snapshot.status !== "ACTIVE") throw badUserInput("productId", `product ${productId} is no longer sold`);
}
