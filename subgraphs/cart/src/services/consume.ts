import { sql } from "drizzle-orm";
import { parseId } from "@shop/runtime";
import type { Context } from "../context";
import { carts, consumedOrders } from "../db/schema";
import type { CartLineInput } from "../generated/resolvers";
import { parseQuantity } from "./quantity";

/**
 * Takes a paid order's units out of the buyer's cart in ONE statement (atomic, one round trip): lines bought whole
 * disappear, lines the shopper raised meanwhile keep the difference. The `consumed_orders` row makes a replay a
 * no-op: every other write of the statement is gated on having inserted it. The delete and the decrement read the
 * same snapshot and match disjoint rows (quantity ≤ bought, quantity > bought), so no line is touched twice.
 */
export async function consumeCartLines(
  ctx: Pick<Context, "db">,
  userIdArg: string,
  orderIdArg: string,
  linesArg: readonly CartLineInput[],
): Promise<boolean> {
  const userId = parseId(userIdArg, "userId");
  const orderId = parseId(orderIdArg, "orderId");
  const bought = linesArg.map((line, index) => ({
    product_id: parseId(line.productId, `lines.${index}.productId`),
    quantity: parseQuantity(line.quantity, 1),
  }));
  const [answer] = await ctx.db.execute<{ first: boolean }>(sql`
    with first as (
      insert into ${consumedOrders} (order_id, user_id) values (${orderId}, ${userId})
      on conflict do nothing
      returning order_id
    ),
    cart as (select id from ${carts} where user_id = ${userId} and exists (select 1 from first)),
    bought as (select * from jsonb_to_recordset(${JSON.stringify(bought)}::jsonb) as bought(product_id uuid, quantity int)),
    removed as (
      delete from cart_items using cart, bought
      where cart_items.cart_id = cart.id and cart_items.product_id = bought.product_id and cart_items.quantity <= bought.quantity
      returning cart_items.product_id
    ),
    decremented as (
      update cart_items set quantity = cart_items.quantity - bought.quantity, updated_at = now()
      from cart, bought
      where cart_items.cart_id = cart.id and cart_items.product_id = bought.product_id and cart_items.quantity > bought.quantity
      returning cart_items.product_id
    ),
    touched as (update ${carts} set updated_at = now() from cart where ${carts.id} = cart.id returning cart.id)
    select exists (select 1 from first) as first,
      (select count(*) from removed) + (select count(*) from decremented) + (select count(*) from touched) as writes`);
  return answer!.first;
}
