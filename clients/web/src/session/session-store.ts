import { print } from "graphql";
import { graphql } from "../generated";
import { readGuestCartToken, readSession, writeGuestCartToken, writeSession, type StoredSession } from "./storage";

const RefreshSession = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      token
      refreshToken
      expiresAt
      user {
        id
        name
        email
        role
      }
    }
  }
`);

/** A token is renewed when it has less than this left, so no request leaves with one about to expire. */
const RENEW_BEFORE_MS = 30_000;

/**
 * The signed-in session, the one place that knows the tokens: kept in localStorage, renewed with refreshToken shortly
 * before the access token expires (one renewal at a time, since a second use of a refresh token ends the session),
 * and dropped when the renewal is refused. Signed out, it keeps the guest cart's token instead (README "Guest carts").
 */
export class SessionStore {
  private session: StoredSession | null = readSession();
  private guestCart: string | null = readGuestCartToken();
  private readonly listeners = new Set<() => void>();
  private renewing: Promise<string | null> | undefined;

  constructor(readonly gatewayUrl: string) {}

  get current(): StoredSession | null {
    return this.session;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(session: StoredSession | null): void {
    this.session = session;
    writeSession(session);
    this.notify();
  }

  /** The guest cart's token while signed out (null signed in: the account's cart is used then, and the header ignored). */
  get guestCartToken(): string | null {
    return this.session ? null : this.guestCart;
  }

  /**
   * Keeps the newest guest token a cart mutation answered (each change renews it), or forgets it (null): once a sign-in
   * has merged it, or when the gateway refused it as forged or expired.
   */
  setGuestCartToken(token: string | null): void {
    if (token === this.guestCart) return;
    this.guestCart = token;
    writeGuestCartToken(token);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** The access token to send now (renewed first when it is about to expire); null when signed out. */
  async validToken(): Promise<string | null> {
    const session = this.session;
    if (!session) return null;
    if (Date.parse(session.expiresAt) - Date.now() > RENEW_BEFORE_MS) return session.token;
    this.renewing ??= this.renew(session).finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renew(session: StoredSession): Promise<string | null> {
    const response = await fetch(this.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: print(RefreshSession), variables: { refreshToken: session.refreshToken } }),
    });
    const body = (await response.json()) as { data?: { refreshToken: StoredSession } | null };
    const renewed = body.data?.refreshToken ?? null;
    this.set(renewed);
    return renewed?.token ?? null;
  }
}
