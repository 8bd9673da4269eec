/** What a signed-in browser remembers between reloads. */
export interface StoredSession {
  token: string;
  refreshToken: string;
  /** When `token` stops working (ISO time): it is renewed shortly before. */
  expiresAt: string;
  user: { id: string; name: string; email: string; role: "CUSTOMER" | "ADMIN" };
}

const KEY = "shop.session";

export function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
