import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";

const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Creates the database named in `url` when it does not exist yet (safe to race: a duplicate is ignored). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!DATABASE_NAME.test(name)) throw new Error(`Database name "${name}" must be lowercase letters, digits and _`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const sql = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      await sql.unsafe(`create database "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04" && error.code !== "23505") throw error;
      });
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Drops a database (tests only); connections still open to it are terminated. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const sql = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Applies the committed drizzle migrations in `folder`, under an advisory lock so replicas starting together
 * migrate once.
 */
export async function migrateDatabase(url: string, folder: string): Promise<void> {
  await ensureDatabase(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(hashtext('shop:migrations'))`;
    await migrate(drizzle({ client: sql }), { migrationsFolder: folder });
  } finally {
    await sql`select pg_advisory_unlock(hashtext('shop:migrations'))`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}
