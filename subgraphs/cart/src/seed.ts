import { eq } from "drizzle-orm";
import { connectDatabase, type ShopConfig } from "@shop/runtime";
import { cartItems, schema } from "./db/schema";
import type { CartLineInput } from "./generated/resolvers";
import { ensureCarts } from "./services/ensure-carts";

export interface CartSeed {
  customerId: string;
  /** Lines for the demo customer's cart; products are expected to exist and be ACTIVE (not checked here). */
  items: CartLineInput[];
}

/**
 * Idempotent: gives the demo customer a cart and fills it with `items` only while it is empty, so a shopper's
 * own changes survive the next `npm start`. Returns the cart id and how many lines it added.
 */
export async function seedCarts(config: ShopConfig, seed: CartSeed): Promise<{ cartId: string; added: number }> {
  const { db, close } = connectDatabase(config.subgraphs.cart.databaseUrl, schema, { max: 1 });
  try {
    const [cart] = await ensureCarts(db, [seed.customerId]);
    const existing = await db.select({ id: cartItems.id }).from(cartItems).where(eq(cartItems.cartId, cart!.id)).limit(1);
    if (existing.length > 0 || seed.items.length === 0) return { cartId: cart!.id, added: 0 };
    const added = await db
      .insert(cartItems)
      .values(seed.items.map((item) => ({ cartId: cart!.id, productId: item.productId, quantity: item.quantity })))
      .onConflictDoNothing()
      .returning({ id: cartItems.id });
    return { cartId: cart!.id, added: added.length };
  } finally {
    await close();
  }
}
