import { eq, sql } from "drizzle-orm";
import { parseId } from "@shop/runtime";
import type { Context } from "../context";
import { carts, consumedOrders } from "../db/schema";
import type { CartLineInput } from "../generated/resolvers";
import { parseQuantity } from "./quantity";

/**
 * Takes a paid order's units out of the buyer's cart in one transaction: lines bought whole disappear, lines the
 * shopper raised meanwhile keep the difference. The `consumed_orders` row makes a replay a no-op.
 */
export async function consumeCartLines(
  ctx: Pick<Context, "db">,
  userIdArg: string,
  orderIdArg: string,
  linesArg: readonly CartLineInput[],
): Promise<boolean> {
  const userId = parseId(userIdArg, "userId");
  const orderId = parseId(orderIdArg, "orderId");
  const lines = linesArg.map((line, index) => ({
    productId: parseId(line.productId, `lines.${index}.productId`),
    quantity: parseQuantity(line.quantity, 1),
  }));
  return ctx.db.transaction(async (tx) => {
    const [first] = await tx.insert(consumedOrders).values({ orderId, userId }).onConflictDoNothing().returning();
    if (!first) return false;
    const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
    if (!cart || lines.length === 0) return true;
    const bought = sql`(values ${sql.join(
      lines.map((line) => sql`(${line.productId}::uuid, ${line.quantity}::int)`),
      sql`, `,
    )}) as bought(product_id, quantity)`;
    // Delete first: once a raised line is decremented it would match the delete's condition too.
    await tx.execute(sql`
      delete from cart_items using ${bought}
      where cart_items.cart_id = ${cart.id} and cart_items.product_id = bought.product_id
        and cart_items.quantity <= bought.quantity`);
    await tx.execute(sql`
      update cart_items set quantity = cart_items.quantity - bought.quantity, updated_at = now()
      from ${bought}
      where cart_items.cart_id = ${cart.id} and cart_items.product_id = bought.product_id
        and cart_items.quantity > bought.quantity`);
    await tx
      .update(carts)
      .set({ updatedAt: sql`now()` })
      .where(eq(carts.id, cart.id));
    return true;
  });
}
