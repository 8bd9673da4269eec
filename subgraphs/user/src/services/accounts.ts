import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  addressInputSchema,
  badUserInput,
  firstRefusal,
  ipRateLimitKey,
  notFound,
  parseId,
  parseInput,
  rateLimited,
  unauthenticated,
  type Viewer,
} from "@shop/runtime";
import type { Context } from "../context";
import type { UserDatabase } from "../db/database";
import { addresses, users } from "../db/schema";
import type { AddressModel, UserModel } from "../models";
import { checkGuestCartToken, mergeGuestCartInto } from "./guest-cart-merge";
import { hashPassword } from "./passwords";
import { startSession, type AuthResult } from "./sessions";

const MIN_PASSWORD_LENGTH = 8;

const signUpSchema = z.object({
  email: z.string().trim().max(254, "must be at most 254 characters").email("must be a valid email address"),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, "must be at most 256 characters"),
  name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
  guestCartToken: z.string().nullish(),
});

/** A hash of a random password, compared against when the email is unknown so both paths cost the same. */
let decoyHash: Promise<string> | undefined;

type AccountContext = Pick<Context, "db" | "config" | "passwords" | "limits" | "clientIp" | "siblings" | "log">;

/** Per-IP limits count by the client's address (its /64 for IPv6); a call that names none counts as "unknown". */
function ipKeyOf(ctx: AccountContext): string {
  return ctx.clientIp ? ipRateLimitKey(ctx.clientIp) : "unknown";
}

export async function signUp(ctx: AccountContext, input: unknown): Promise<AuthResult> {
  const { email, password, name, guestCartToken } = parseInput(signUpSchema, input, "input");
  await checkGuestCartToken(ctx, guestCartToken);
  // Counted once the input is valid (a typo costs nothing), and before any hashing.
  await ctx.limits.signUpPerIp.enforce(ipKeyOf(ctx), "Too many sign-ups from this address: retry later");
  const passwordHash = await ctx.passwords.hash(password);
  const [user] = await ctx.db.insert(users).values({ email, name, passwordHash }).onConflictDoNothing().returning();
  if (!user) throw badUserInput("input.email", "is already registered: log in instead");
  const session = await startSession(ctx, user);
  return { ...session, cartMerge: await mergeGuestCartInto(ctx, user.id, guestCartToken) };
}

/**
 * Every attempt counts against the client's address and against this account from this address, before the database
 * or scrypt is asked anything; a refusal is RATE_LIMITED with the longer of the two waits. A successful logIn clears
 * the account's count for that address, so a customer who mistyped a few times is not held to them.
 */
export async function logIn(ctx: AccountContext, email: string, password: string, guestCartToken?: string | null): Promise<AuthResult> {
  const ip = ipKeyOf(ctx);
  // Bounded, so a megabyte of "email" does not become a megabyte of Redis key.
  const accountKey = `${email.trim().toLowerCase().slice(0, 254)}|${ip}`;
  const decision = firstRefusal(await Promise.all([ctx.limits.loginPerIp.consume(ip), ctx.limits.loginPerAccountIp.consume(accountKey)]));
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, "Too many sign-in attempts: retry later");
  await checkGuestCartToken(ctx, guestCartToken);
  const user = await findByEmail(ctx.db, email);
  decoyHash ??= hashPassword(crypto.randomUUID(), ctx.config.passwordScryptLogN);
  const matches = await ctx.passwords.verify(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches) throw unauthenticated("Email or password is wrong");
  await ctx.limits.loginPerAccountIp.reset(accountKey);
  const session = await startSession(ctx, user);
  return { ...session, cartMerge: await mergeGuestCartInto(ctx, user.id, guestCartToken) };
}

export function findByEmail(db: UserDatabase, email: string): Promise<UserModel | undefined> {
  return db.query.users.findFirst({ where: eq(sql`lower(${users.email})`, email.trim().toLowerCase()) });
}

/** The most addresses one account keeps in its address book. */
export const MAX_SAVED_ADDRESSES = 20;

/**
 * Saves an address, up to MAX_SAVED_ADDRESSES per account (BAD_USER_INPUT on `input` past it). The count and the insert
 * run under a lock on the user's row, so concurrent calls of one account cannot pass the limit together; other
 * accounts are not held up, and the lock does not conflict with the foreign-key check of the insert.
 */
export async function addAddress(db: UserDatabase, viewer: Viewer, input: unknown): Promise<AddressModel> {
  const address = parseInput(addressInputSchema, input, "input");
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, viewer.userId)).for("no key update");
    if (!user) throw notFound("User", viewer.userId);
    const [saved] = await tx.select({ count: count() }).from(addresses).where(eq(addresses.userId, viewer.userId));
    if (saved!.count >= MAX_SAVED_ADDRESSES) {
      throw badUserInput("input", `the address book already holds ${MAX_SAVED_ADDRESSES} addresses, the most allowed: remove one first`);
    }
    const [row] = await tx
      .insert(addresses)
      .values({ ...address, userId: viewer.userId })
      .returning();
    return row!;
  });
}

export async function removeAddress(db: UserDatabase, viewer: Viewer, id: string): Promise<void> {
  const addressId = parseId(id, "id");
  const deleted = await db
    .delete(addresses)
    .where(and(eq(addresses.id, addressId), eq(addresses.userId, viewer.userId)))
    .returning({ id: addresses.id });
  if (deleted.length === 0) throw notFound("Address", addressId);
}
