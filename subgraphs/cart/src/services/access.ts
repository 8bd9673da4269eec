import { forbidden, requireViewer, type BaseContext } from "@shop/runtime";

type Caller = Pick<BaseContext, "caller" | "viewer">;

/** Sibling subgraphs (the order subgraph at checkout) act for the stack; the gateway always acts for a client. */
function isServiceCaller(who: Caller): boolean {
  return who.caller !== "gateway";
}

/** Only the cart's owner, an ADMIN or a sibling service may read a user's cart: else UNAUTHENTICATED / FORBIDDEN. */
export function assertCanReadCartOf(who: Caller, userId: string): void {
  if (isServiceCaller(who)) return;
  const viewer = requireViewer(who.viewer);
  if (viewer.userId !== userId && viewer.role !== "ADMIN") {
    throw forbidden("Only the cart's owner or an ADMIN may read this cart");
  }
}

/**
 * A Cart or CartItem reference: a user's cart as `assertCanReadCartOf` says. A guest cart has no account to check
 * against; signed-in customers are refused it, anonymous callers are not. That is safe because only the gateway's query
 * planner sends references, from cart ids this subgraph answered earlier in the same operation (clients cannot send
 * `_entities`), and it is needed because the answer to a visitor's first addToCart is priced (`subtotal`) in a second
 * fetch whose internal token names no guest cart yet: the token was only just issued.
 */
export function assertCanReadCart(who: Caller, cart: { userId: string | null }): void {
  if (cart.userId !== null) return assertCanReadCartOf(who, cart.userId);
  if (isServiceCaller(who) || !who.viewer || who.viewer.role === "ADMIN") return;
  throw forbidden("This is a guest's cart: signed in, you use your own");
}
