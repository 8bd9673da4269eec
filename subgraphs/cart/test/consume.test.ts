import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { TypedDocumentNode } from "@shop/runtime";
import { customer, useSubgraph } from "@shop/runtime/testing";
import { startCartSubgraph } from "../src/app";
import { carts } from "../src/db/schema";
import type { CartLineInput } from "../src/generated/resolvers";
import { putLines, storedLines } from "./fixtures";

const cart = useSubgraph(startCartSubgraph);
const asOrderService = cart.as("order");

const CONSUME_MUTATION = `mutation($u: ID!, $o: ID!, $l: [CartLineInput!]!) { consumeCartLines(userId: $u, orderId: $o, lines: $l) }`;
const CONSUME: TypedDocumentNode<{ consumeCartLines: boolean }, { u: string; o: string; l: CartLineInput[] }> = parse(CONSUME_MUTATION);

async function cartWith(lines: CartLineInput[]) {
  const userId = customer().userId;
  const [created] = await cart.subgraph.database.db.insert(carts).values({ userId }).returning();
  await putLines(cart.subgraph, created!.id, lines);
  return { userId, cartId: created!.id };
}

describe("consumeCartLines (after a paid checkout)", () => {
  it("removes lines bought whole, keeps what the shopper added meanwhile, and does it once per order", async () => {
    const [boughtWhole, raised, untouched] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const { userId, cartId } = await cartWith([
      { productId: boughtWhole, quantity: 2 },
      { productId: raised, quantity: 5 },
      { productId: untouched, quantity: 1 },
    ]);
    const orderId = crypto.randomUUID();
    const bought = [
      { productId: boughtWhole, quantity: 2 },
      { productId: raised, quantity: 3 },
    ];

    const first = await asOrderService(CONSUME, { u: userId, o: orderId, l: bought });
    expect(first.consumeCartLines).toBe(true);
    // Lines put in one statement share added_at, so compare them as a set.
    const quantities = async () =>
      Object.fromEntries((await storedLines(cart.subgraph, cartId)).map((line) => [line.productId, line.quantity]));
    expect(await quantities()).toEqual({ [raised]: 2, [untouched]: 1 });

    const replay = await asOrderService(CONSUME, { u: userId, o: orderId, l: bought });
    expect(replay.consumeCartLines).toBe(false);
    expect(await quantities()).toEqual({ [raised]: 2, [untouched]: 1 });
  });

  it("is internal: the gateway's credential is refused and nothing changes", async () => {
    const product = crypto.randomUUID();
    const { userId, cartId } = await cartWith([{ productId: product, quantity: 1 }]);
    const viaGateway = await cart.call(CONSUME_MUTATION, { u: userId, o: crypto.randomUUID(), l: [{ productId: product, quantity: 1 }] });
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await storedLines(cart.subgraph, cartId)).toHaveLength(1);
  });
});
