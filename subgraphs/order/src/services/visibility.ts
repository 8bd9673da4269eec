import type { Viewer } from "@shop/runtime";

/** Orders are private: a customer sees only their own, an ADMIN sees everyone's, anonymous callers none. */
export function canSeeOrdersOf(viewer: Viewer | null, userId: string): boolean {
  return viewer !== null && (viewer.role === "ADMIN" || viewer.userId === userId);
}

/** The order when the viewer may see it, else null: a stranger cannot tell "not yours" from "does not exist". */
export function visibleTo<T extends { userId: string }>(viewer: Viewer | null, order: T | null): T | null {
  return order && canSeeOrdersOf(viewer, order.userId) ? order : null;
}
