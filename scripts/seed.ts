/**
 * Seeds the demo shop: catalog and stock, the admin and, outside production, a demo customer with a cart and a few
 * past orders (production gets no account but the admin). Every step is idempotent, so `npm start` runs it on every
 * boot without duplicating anything.
 */
import type { ShopConfig } from "@shop/runtime";
import { seedCarts } from "@shop/cart/seed";
import { seedStock } from "@shop/inventory/seed";
import { seedOrders } from "@shop/order/seed";
import { demoCatalog, seedProducts } from "@shop/product/seed";
import { DEMO_CUSTOMER, seedUsers } from "@shop/user/seed";

export { DEMO_CUSTOMER };

export async function seedDemoShop(config: ShopConfig): Promise<{ products: number; demoCustomer: boolean }> {
  const catalog = demoCatalog();
  await seedProducts(config, catalog);
  await seedStock(
    config,
    catalog.products.map((product) => ({ productId: product.id, onHand: product.initialStock })),
  );
  const { customerId } = await seedUsers(config);
  if (!customerId) return { products: catalog.products.length, demoCustomer: false };
  const inStock = catalog.products.filter((product) => product.initialStock > 0);
  await seedCarts(config, {
    customerId,
    items: inStock.slice(0, 2).map((product, index) => ({ productId: product.id, quantity: index + 1 })),
  });
  await seedOrders(config, { customerId, products: inStock.slice(2, 8) });
  return { products: catalog.products.length, demoCustomer: true };
}
