import { notFound, type SubgraphRequest } from "@shop/runtime";

const PRODUCT_SNAPSHOTS = `query InventoryProductCheck($ids: [ID!]!) { productSnapshots(ids: $ids) { id status } }`;

interface ProductSnapshots {
  productSnapshots: ({ id: string; status: "ACTIVE" | "ARCHIVED" } | null)[];
}

/** Asks the product subgraph whether the product exists (archived ones included); NOT_FOUND otherwise. */
export async function requireProduct(products: SubgraphRequest, productId: string): Promise<void> {
  const { productSnapshots } = await products<ProductSnapshots>(PRODUCT_SNAPSHOTS, { ids: [productId] });
  if (!productSnapshots[0]) throw notFound("Product", productId);
}
