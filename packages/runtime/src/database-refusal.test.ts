import { randomBytes } from "node:crypto";
import { sql as drizzleSql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { GraphQLError } from "graphql";
import { pino } from "pino";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseRefused } from "./database-refusal";
import { createErrorFormatter, ErrorCode } from "./errors";

const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// A role PostgreSQL lets log in but never gives a connection: the refusal of a server whose slots are all taken (53300).
const role = `shop_test_refused_${randomBytes(4).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

/** What drizzle throws for one statement on `url`: the driver's error wrapped in a DrizzleQueryError, as in a resolver. */
async function failureOn(url: string, statement = drizzleSql`select 1`): Promise<unknown> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await drizzle({ client }).execute(statement);
    throw new Error("the statement ran");
  } catch (error) {
    return error;
  } finally {
    await client.end({ timeout: 1 });
  }
}

function urlAs(user: string, port?: number): string {
  const url = new URL(serverUrl);
  url.username = user;
  if (port) url.port = String(port);
  return url.toString();
}

beforeAll(async () => {
  await admin.unsafe(`create role ${role} login connection limit 0`);
});
afterAll(async () => {
  await admin.unsafe(`drop role if exists ${role}`);
  await admin.end();
});

describe("databaseRefused", () => {
  it("recognises PostgreSQL turning a connection away (too many connections), through drizzle's wrapping", async () => {
    const error = await failureOn(urlAs(role));
    expect((error as Error).cause).toMatchObject({ code: "53300" });
    expect(databaseRefused(error)).toBe(true);
  });

  it("recognises a server that is not listening", async () => {
    expect(databaseRefused(await failureOn(urlAs("postgres", 1)))).toBe(true);
  });

  it("leaves a statement that ran and failed to the caller: not a refusal", async () => {
    const error = await failureOn(serverUrl, drizzleSql`select * from no_such_table_here`);
    expect((error as Error).cause).toMatchObject({ code: "42P01" });
    expect(databaseRefused(error)).toBe(false);
    expect(databaseRefused(new Error("connect ECONNREFUSED (a message alone proves nothing)"))).toBe(false);
    expect(databaseRefused("53300")).toBe(false);
  });

  it("turns a refusal into SERVICE_UNAVAILABLE for the client, logged as a warning rather than an unexpected error", async () => {
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    const refused = new GraphQLError("Failed query", {
      path: ["productSnapshots"],
      originalError: (await failureOn(urlAs(role))) as Error,
    });
    const answer = createErrorFormatter(log, true)({ message: refused.message, path: ["productSnapshots"] }, refused);
    expect(answer).toEqual({
      message: "A backing service did not answer: retry shortly",
      path: ["productSnapshots"],
      extensions: { code: ErrorCode.ServiceUnavailable },
    });
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: "database refused a statement" })]);
  });
});
