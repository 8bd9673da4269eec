import { sql } from "drizzle-orm";
import type { CartDatabase } from "../db/database";

type Transaction = Parameters<Parameters<CartDatabase["transaction"]>[0]>[0];

/**
 * Edits that count a cart's lines (addToCart, a guest cart's merge) take turns per cart from here to the commit, so
 * each counts what the ones before it added: no isolation level above READ COMMITTED, nothing to retry. The lock is an
 * advisory one per cart, which only these edits take: edits of other carts never wait, and a checkout consuming the
 * cart's lines (which locks lines, then the cart row) can never deadlock with it.
 */
export async function lockCartLines(tx: Transaction, cartId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cartId}::text, 0))`);
}
