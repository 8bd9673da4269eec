import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { ipRateLimitKey, issueUserToken, unauthenticated, type Viewer } from "@shop/runtime";
import type { Context } from "../context";
import type { UserDatabase } from "../db/database";
import { refreshTokens, users } from "../db/schema";
import type { CartMergeModel, UserModel } from "../models";
import { refreshRefusal } from "./refresh-rules";

/** What signUp, logIn and refreshToken answer: a short-lived access token, the refresh token that renews it, and who. */
export interface AuthResult {
  token: string;
  refreshToken: string;
  /** When `token` expires (its `exp`). */
  expiresAt: Date;
  user: UserModel;
  /** signUp and logIn with a guest cart token: what merging the guest cart did. */
  cartMerge?: CartMergeModel | null;
}

type SessionContext = Pick<Context, "db" | "config" | "limits" | "clientIp">;
type RefreshTokenRow = typeof refreshTokens.$inferSelect;
type Transaction = Parameters<Parameters<UserDatabase["transaction"]>[0]>[0];

/**
 * 256 random bits: unguessable, so a fast hash is enough to store it (unlike a password, there is nothing to brute
 * force). Only the hash is stored, so a copy of the table cannot be replayed as tokens.
 */
function newRefreshToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashRefreshToken(token) };
}

function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/**
 * Signs `user` in on a new session: a new token family. `user` is the row the password was checked against: a password
 * (or role) change committed since then refuses the sign-in, so no session outlives the change it raced with. Expired
 * tokens of the user are pruned on the way (rotated ones are kept until then, for reuse detection).
 */
export async function startSession(ctx: SessionContext, user: UserModel): Promise<AuthResult> {
  const refresh = newRefreshToken();
  const current = await ctx.db.transaction(async (tx) => {
    const locked = await lockUser(tx, user.id, "share");
    if (!locked || locked.passwordHash !== user.passwordHash) return null;
    await tx.delete(refreshTokens).where(and(eq(refreshTokens.userId, user.id), lt(refreshTokens.expiresAt, sql`now()`)));
    await insertToken(tx, ctx, { userId: user.id, familyId: randomUUID(), tokenHash: refresh.tokenHash });
    return locked;
  });
  if (!current) throw unauthenticated("Email or password is wrong");
  return { ...(await accessToken(ctx, current)), refreshToken: refresh.token, user: current };
}

/**
 * Exchanges a refresh token for a new access token and a new refresh token of the same family; the presented one stops
 * working. Presenting a token already exchanged is reuse: its family is revoked (RFC 9700 §4.14.2), so the legitimate
 * client and a thief both sign in again, whichever of them refreshed first. A token is claimed under a share lock of its user,
 * which password and role changes and logOut-everywhere take exclusively: none of them can miss the successor.
 */
export async function rotateSession(ctx: SessionContext, presented: string): Promise<AuthResult> {
  await ctx.limits.refreshPerIp.enforce(
    ctx.clientIp ? ipRateLimitKey(ctx.clientIp) : "unknown",
    "Too many token refreshes from this address: retry later",
  );
  const tokenHash = hashRefreshToken(presented);
  const stored = await findToken(ctx.db, tokenHash);
  let refusal = refreshRefusal(stored, new Date());
  let latest = stored;
  if (!refusal) {
    const rotated = await rotate(ctx, stored!);
    if (rotated) return rotated;
    // Changed between the read and the claim: most often another refresh with the same token won, which is reuse too.
    latest = await findToken(ctx.db, tokenHash);
    refusal = refreshRefusal(latest, new Date()) ?? refreshRefusal(undefined, new Date())!;
  }
  if (refusal.reason === "reused") await revokeFamily(ctx.db, latest!);
  throw unauthenticated(refusal.message);
}

/** Claims `stored` (only if still live) and adds its successor to the family, under a share lock of the user. */
async function rotate(ctx: SessionContext, stored: RefreshTokenRow): Promise<AuthResult | null> {
  const next = newRefreshToken();
  const user = await ctx.db.transaction(async (tx) => {
    const locked = await lockUser(tx, stored.userId, "share");
    const claimed = await tx
      .update(refreshTokens)
      .set({ rotatedAt: sql`now()` })
      .where(
        and(
          eq(refreshTokens.id, stored.id),
          isNull(refreshTokens.rotatedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: refreshTokens.id });
    if (!locked || claimed.length === 0) return null;
    await insertToken(tx, ctx, { userId: stored.userId, familyId: stored.familyId, tokenHash: next.tokenHash });
    return locked;
  });
  return user ? { ...(await accessToken(ctx, user)), refreshToken: next.token, user } : null;
}

/**
 * logOut: with a refresh token, ends its session (the token's whole family; holding the token is the authority, so
 * a client whose access token has expired can still sign out); without one, every session of the viewer. True when a
 * session was ended; false for a token that was unknown, or already revoked.
 */
export async function endSessions(db: UserDatabase, viewer: Viewer | null, refreshToken: string | null | undefined): Promise<boolean> {
  if (refreshToken != null) {
    const stored = await findToken(db, hashRefreshToken(refreshToken));
    return stored ? (await revokeFamily(db, stored)) > 0 : false;
  }
  if (!viewer) throw unauthenticated("Sign in to sign out everywhere, or pass the refreshToken of the session to end");
  await db.transaction(async (tx) => {
    await lockUser(tx, viewer.userId, "no key update");
    await revokeEveryToken(tx, viewer.userId);
  });
  return true;
}

/**
 * The one way to change an account's password hash or role: the row and the revocation of every refresh token of the
 * user in one transaction, so no session opened with the old password (or carrying the old role) is renewed after it.
 * Access tokens already issued live out their JWT_TTL_SECONDS.
 */
export async function changeCredentials(db: UserDatabase, userId: string, changes: Partial<Pick<UserModel, "passwordHash" | "role">>) {
  await db.transaction(async (tx) => {
    await tx.update(users).set(changes).where(eq(users.id, userId));
    await revokeEveryToken(tx, userId);
  });
}

function findToken(db: UserDatabase, tokenHash: string) {
  return db.query.refreshTokens.findFirst({ where: eq(refreshTokens.tokenHash, tokenHash) });
}

async function lockUser(tx: Transaction, userId: string, strength: "share" | "no key update"): Promise<UserModel | undefined> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for(strength);
  return user;
}

function insertToken(tx: Transaction, ctx: SessionContext, token: { userId: string; familyId: string; tokenHash: string }) {
  return tx.insert(refreshTokens).values({ ...token, expiresAt: sql`now() + make_interval(secs => ${ctx.config.jwt.refreshTtlSeconds})` });
}

/** Revokes every live token of the user; the caller holds the user's row lock (see rotateSession). */
function revokeEveryToken(tx: Transaction, userId: string) {
  return tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

/**
 * Revokes every token of `token`'s family; how many were live. Under the user's exclusive lock, so a successor that a
 * rotation in flight is adding is either seen here or refused there.
 */
function revokeFamily(db: UserDatabase, token: { userId: string; familyId: string }): Promise<number> {
  return db.transaction(async (tx) => {
    await lockUser(tx, token.userId, "no key update");
    const revoked = await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.familyId, token.familyId), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return revoked.length;
  });
}

function accessToken(ctx: SessionContext, user: UserModel) {
  return issueUserToken(ctx.config.jwt.secret, { userId: user.id, role: user.role }, ctx.config.jwt.ttlSeconds);
}
