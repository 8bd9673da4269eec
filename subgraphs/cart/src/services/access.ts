import { forbidden, requireViewer, type BaseContext } from "@shop/runtime";

type Caller = Pick<BaseContext, "caller" | "viewer">;

/** Sibling subgraphs (the order subgraph at checkout) act for the stack; the gateway always acts for a client. */
export function isServiceCaller(who: Caller): boolean {
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

/** Internal fields answer sibling services only; the gateway never exposes them, and this holds even if it did. */
export function assertServiceCaller(who: Caller, field: string): void {
  if (!isServiceCaller(who)) throw forbidden(`${field} is internal: only sibling services may call it`);
}
