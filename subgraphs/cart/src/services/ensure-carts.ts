import { inArray } from "drizzle-orm";
import type { CartDatabase } from "../db/database";
import { carts } from "../db/schema";
import type { CartRow } from "../models";

/**
 * The carts of `userIds`, in key order, creating missing ones. Race-safe: a concurrent first request may insert the
 * same user's cart; ON CONFLICT (user_id) DO NOTHING leaves that row in place and the re-read finds it.
 *
 * The batch function of the `cartByUserId` loader. It stands apart from carts.ts, whose functions take the request
 * context, so that the loaders (part of that context) need not import the context back.
 */
export async function ensureCarts(db: CartDatabase, userIds: readonly string[]): Promise<CartRow[]> {
  const found = await db
    .select()
    .from(carts)
    .where(inArray(carts.userId, [...userIds]));
  const missing = () => userIds.filter((userId) => !found.some((cart) => cart.userId === userId));
  if (missing().length > 0) {
    // Sorted, so two batches creating overlapping carts take the unique-index locks in the same order.
    const values = missing()
      .sort()
      .map((userId) => ({ userId }));
    found.push(...(await db.insert(carts).values(values).onConflictDoNothing({ target: carts.userId }).returning()));
    const createdElsewhere = missing();
    if (createdElsewhere.length > 0) {
      found.push(...(await db.select().from(carts).where(inArray(carts.userId, createdElsewhere))));
    }
  }
  const byUser = new Map(found.map((cart) => [cart.userId, cart]));
  return userIds.map((userId) => byUser.get(userId)!);
}
