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

const GUEST_CART_KEY = "shop.guestCart";

/** The guest cart's token (`Cart.guestToken`) of a visitor who is not signed in. */
export function readGuestCartToken(): string | null {
  try {
    return localStorage.getItem(GUEST_CART_KEY);
  } catch {
    return null;
  }
}

export function writeGuestCartToken(token: string | null): void {
  if (token) localStorage.setItem(GUEST_CART_KEY, token);
  else localStorage.removeItem(GUEST_CART_KEY);
}
