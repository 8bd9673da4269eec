import { eq } from "drizzle-orm";
import type { Redis, Viewer } from "@shop/runtime";
import type { InventoryDatabase } from "../src/context";
import { reservations, stockLevels } from "../src/db/schema";
import { availableKey } from "../src/services/counter-keys";

export const admin = (): Viewer => ({ userId: crypto.randomUUID(), role: "ADMIN" });
export const customer = (): Viewer => ({ userId: crypto.randomUUID(), role: "CUSTOMER" });

export const INVENTORY_FIELDS = "onHand reserved available inStock";

type Status = "ACTIVE" | "COMMITTED" | "RELEASED";

/** Inserts a stock row and reservations (each for its own order) straight into the tables. */
export async function insertStock(db: InventoryDatabase, productId: string, onHand: number, held: [number, Status][] = []) {
  await db.insert(stockLevels).values({ productId, onHand });
  if (held.length === 0) return;
  const expiresAt = new Date(Date.now() + 15 * 60_000);
  await db
    .insert(reservations)
    .values(held.map(([quantity, status]) => ({ orderId: crypto.randomUUID(), productId, quantity, status, expiresAt })));
}

/** The stored on_hand, or null when the product has no stock row. */
export async function readOnHand(db: InventoryDatabase, productId: string): Promise<number | null> {
  const [row] = await db.select({ onHand: stockLevels.onHand }).from(stockLevels).where(eq(stockLevels.productId, productId));
  return row?.onHand ?? null;
}

/** The Redis counter as a number, or null when the key is missing. */
export async function readCounter(redis: Redis, productId: string): Promise<number | null> {
  const value = await redis.get(availableKey(productId));
  return value === null ? null : Number(value);
}
