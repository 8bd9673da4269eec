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
