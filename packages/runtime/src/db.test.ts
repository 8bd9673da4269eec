import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { anyOf, perDatabase } from "./db";

const items = pgTable("items", { id: uuid().primaryKey(), slug: text().notNull() });
// Never connects: only SQL is built here.
const db = drizzle({ client: postgres("postgres://nobody@127.0.0.1:1/none"), casing: "snake_case" });

describe("anyOf", () => {
  it("writes one placeholder of the column's array type, whatever the number of keys", () => {
    const query = db.select().from(items).where(anyOf(items.id, "ids"));
    expect(query.toSQL()).toEqual({
      sql: 'select "id", "slug" from "items" where "items"."id" = any($1::uuid[])',
      params: [expect.anything()],
    });
    expect(db.select().from(items).where(anyOf(items.slug, "slugs")).toSQL().sql).toMatch(/"slug" = any\(\$1::text\[\]\)$/);
  });
});

describe("perDatabase", () => {
  it("builds once per database and apart for another", () => {
    let builds = 0;
    const prepared = perDatabase((database: object) => ({ database, build: ++builds }));
    const one = {};
    const other = {};
    expect(prepared(one)).toBe(prepared(one));
    expect(prepared(other)).not.toBe(prepared(one));
    expect(builds).toBe(2);
  });
});
