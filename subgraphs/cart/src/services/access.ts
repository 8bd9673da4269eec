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
