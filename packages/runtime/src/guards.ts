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
 * Internal (@inaccessible) fields answer sibling services only. The gateway never exposes them, and this holds even
 * if it did: a call signed by the gateway is FORBIDDEN.
 */
export function requireServiceCaller(caller: string, field: string): void {
  if (caller === "gateway") throw forbidden(`${field} is internal: only sibling services may call it`);
}
