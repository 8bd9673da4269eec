import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  addressInputSchema,
  badUserInput,
  notFound,
  parseId,
  parseInput,
  signUserToken,
  unauthenticated,
  type Viewer,
} from "@shop/runtime";
import type { Context } from "../context";
import type { UserDatabase } from "../db/database";
import { addresses, users } from "../db/schema";
import type { AddressModel, UserModel } from "../models";
import { hashPassword, verifyPassword } from "./passwords";

const MIN_PASSWORD_LENGTH = 8;

const signUpSchema = z.object({
  email: z.string().trim().max(254, "must be at most 254 characters").email("must be a valid email address"),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, "must be at most 256 characters"),
  name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
});

/** A hash of a random password, compared against when the email is unknown so both paths cost the same. */
let decoyHash: Promise<string> | undefined;

export interface AuthResult {
  token: string;
  user: UserModel;
}

type AccountContext = Pick<Context, "db" | "config">;

export async function signUp(ctx: AccountContext, input: unknown): Promise<AuthResult> {
  const { email, password, name } = parseInput(signUpSchema, input, "input");
  const passwordHash = await hashPassword(password, ctx.config.passwordScryptLogN);
  const [user] = await ctx.db.insert(users).values({ email, name, passwordHash }).onConflictDoNothing().returning();
  if (!user) throw badUserInput("input.email", "is already registered: log in instead");
  return { token: await issueToken(ctx, user), user };
}

export async function logIn(ctx: AccountContext, email: string, password: string): Promise<AuthResult> {
  const user = await findByEmail(ctx.db, email);
  decoyHash ??= hashPassword(crypto.randomUUID(), ctx.config.passwordScryptLogN);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches) throw unauthenticated("Email or password is wrong");
  return { token: await issueToken(ctx, user), user };
}

export function findByEmail(db: UserDatabase, email: string): Promise<UserModel | undefined> {
  return db.query.users.findFirst({ where: eq(sql`lower(${users.email})`, email.trim().toLowerCase()) });
}

function issueToken(ctx: AccountContext, user: UserModel): Promise<string> {
  return signUserToken(ctx.config.jwt.secret, { userId: user.id, role: user.role }, ctx.config.jwt.ttlSeconds);
}

export async function addAddress(db: UserDatabase, viewer: Viewer, input: unknown): Promise<AddressModel> {
  const address = parseInput(addressInputSchema, input, "input");
  const [row] = await db
    .insert(addresses)
    .values({ ...address, userId: viewer.userId })
    .returning();
  return row!;
}

export async function removeAddress(db: UserDatabase, viewer: Viewer, id: string): Promise<void> {
  const addressId = parseId(id, "id");
  const deleted = await db
    .delete(addresses)
    .where(and(eq(addresses.id, addressId), eq(addresses.userId, viewer.userId)))
    .returning({ id: addresses.id });
  if (deleted.length === 0) throw notFound("Address", addressId);
}
