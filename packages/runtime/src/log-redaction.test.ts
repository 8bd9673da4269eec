import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "./db";
import { createLogger } from "./logger";
import { closeRedis, connectRedis, type Redis } from "./redis";
import { testConfig } from "./testing/config";

// Real driver errors, logged as the services log them ({ err }), then the lines read back: what a log pipeline keeps.

const EMAIL = "ada.lovelace@example.com";
const CARD = "pm_card_secret_4242";
const STREET = "12 Analytical Way";
const HASH = "scrypt$32768$8$1$c2FsdA$aGFzaA";
const SECRETS = [EMAIL, CARD, STREET, HASH];

const accounts = pgTable("log_redaction_accounts", { id: uuid().primaryKey().defaultRandom(), email: text().notNull().unique() });

let database: Database<{ accounts: typeof accounts }>;
let redis: Redis;
const lines: string[] = [];
const log = createLogger(
  "redaction-test",
  "info",
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  }),
);

/** The error `work` fails with, logged as every service logs errors, and the one line it wrote. */
async function loggedFailure(work: () => Promise<unknown>): Promise<string> {
  const error = await work().then(
    () => expect.fail("expected the call to fail"),
    (failure: unknown) => failure,
  );
  const before = lines.length;
  log.error({ err: error }, "call failed");
  expect(lines).toHaveLength(before + 1);
  return lines.at(-1)!;
}

beforeAll(async () => {
  const config = testConfig();
  // One connection: the temporary table is this session's.
  database = connectDatabase(config.subgraphs.user.databaseUrl, { accounts }, { max: 1 });
  await database.sql`create temporary table log_redaction_accounts (id uuid primary key default gen_random_uuid(), email text not null unique)`;
  await database.db.insert(accounts).values({ email: EMAIL });
  redis = connectRedis(config.redisUrl);
});
afterAll(async () => {
  await database?.close();
  if (redis) await closeRedis(redis);
});

describe("log lines", () => {
  it("carry no SQL parameters of a failed drizzle query, but still its SQL and PostgreSQL's reason", async () => {
    const line = await loggedFailure(() => database.db.select().from(accounts).where(eq(accounts.id, EMAIL)));

    expect(line).not.toContain(EMAIL);
    expect(line).toContain('from \\"log_redaction_accounts\\"');
    expect(line).toContain("invalid input syntax for type uuid");
  });

  it("carry no key values from a constraint violation's detail", async () => {
    const line = await loggedFailure(() => database.db.insert(accounts).values({ email: EMAIL }));

    expect(line).not.toContain(EMAIL);
    expect(line).toContain("duplicate key value violates unique constraint");
  });

  it("carry no parameters of a failed postgres.js statement", async () => {
    const line = await loggedFailure(() => database.sql`insert into log_redaction_accounts (email) values (${EMAIL})`);

    expect(line).not.toContain(EMAIL);
    expect(JSON.parse(line)).toMatchObject({ err: { code: "23505" } });
  });

  it("carry no arguments of a failed Redis command, only its name", async () => {
    await redis.set("log-redaction:string", "x");
    const line = await loggedFailure(() => redis.hset("log-redaction:string", EMAIL, CARD));

    for (const secret of [EMAIL, CARD]) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ err: { message: expect.stringMatching(/^WRONGTYPE/), command: { name: "hset" } } });
  });

  it("carry no customer data logged by name, at any depth", () => {
    log.warn({ email: EMAIL, input: { paymentToken: CARD, shippingAddress: { line1: STREET } }, user: { passwordHash: HASH } }, "context");

    const line = lines.at(-1)!;
    for (const secret of SECRETS) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ email: "[Redacted]", input: { paymentToken: "[Redacted]", shippingAddress: "[Redacted]" } });
  });
});
