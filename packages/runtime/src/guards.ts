import type { Viewer } from "./auth";
import { forbidden, unauthenticated } from "./errors";

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The signed-in admin, or UNAUTHENTICATED / FORBIDDEN. */
export function requireAdmin(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.role !== "ADMIN") throw forbidden("Only an ADMIN may do this");
  return signedIn;
}

/**
 * Internal (@inaccessible) fields answer the sibling services they name only. The gateway never exposes them, and
 * this holds even if it did: a call signed by the gateway is FORBIDDEN, as is one by a service not named.
 * Subgraphs do not call this themselves: `guardInternalFields` applies it from their declaration.
 */
export function requireServiceCaller(caller: string, field: string, allowed: readonly string[]): void {
  if (caller === "gateway" || !allowed.includes(caller)) {
    throw forbidden(`${field} is internal: only the ${allowed.join(", ")} service${allowed.length === 1 ? "" : "s"} may call it`);
  }
}
