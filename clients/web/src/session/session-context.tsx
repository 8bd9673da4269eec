import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { SessionStore } from "./session-store";
import type { StoredSession } from "./storage";

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

/**
 * The session store (sign in, sign out), who is signed in now, and whether a signed-out visitor has a guest cart;
 * re-renders when that changes.
 */
export function useSession(): {
  store: SessionStore;
  viewer: StoredSession["user"] | null;
  refreshToken: string | null;
  guestCartToken: string | null;
} {
  const store = useContext(SessionContext);
  if (!store) throw new Error("useSession outside SessionProvider");
  const session = useSyncExternalStore(store.subscribe, () => store.current);
  const guestCartToken = useSyncExternalStore(store.subscribe, () => store.guestCartToken);
  return { store, viewer: session?.user ?? null, refreshToken: session?.refreshToken ?? null, guestCartToken };
}
