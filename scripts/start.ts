/**
 * `npm start`: boots the whole shop on a fresh machine. PostgreSQL and Redis are used where they answer (or
 * started locally where they do not), the databases are created and migrated, demo data is seeded, a local mail
 * sink starts (development, without SMTP_URL), the subgraphs, the notifications worker and the gateway start as
 * separate processes, the web app (clients/web) is built when its sources changed and served, and the shop's and
 * the gateway's URLs are printed. Ctrl-C stops it all.
 * `npm run dev` (`--watch`) does the same and restarts a service when one of its files changes.
 *
 * Services run their TypeScript through tsx, except with NODE_ENV=production: then it builds first (`npm run build`,
 * so the output always matches the sources) and runs each service's compiled dist/index.js with plain `node`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, SUBGRAPHS, WORKERS } from "@shop/runtime";
import { ensurePostgres } from "./lib/postgres";
import { ensureRedis } from "./lib/redis";
import { build } from "./lib/build";
import { shopServices, spawnServices, waitUntilHealthy } from "./lib/services";
import { prepareDatabases } from "./lib/prepare";
import { startBanner } from "./lib/banner";
import { startDevelopmentMailSink } from "./lib/mail-sink";
import { buildWebApp, serveWebApp } from "./lib/web";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const startedAt = Date.now();
const config = loadConfig();
const cleanups: (() => Promise<void>)[] = [];
const watch = process.argv.includes("--watch");
const compiled = config.env === "production";

async function main() {
  if (compiled && watch) throw new Error("`npm run dev` watches the TypeScript sources: run it without NODE_ENV=production");
  if (compiled) {
    const building = Date.now();
    await build();
    console.log(`Built the services for production (npm run build) in ${((Date.now() - building) / 1000).toFixed(1)}s.`);
  }
  const postgres = await ensurePostgres(config, resolve(root, ".data"));
  if (postgres.stop) cleanups.push(postgres.stop);
  const redis = await ensureRedis(config.redisUrl);
  if (redis.stop) cleanups.push(redis.stop);

  // The web app builds while the databases are prepared: both take seconds, and neither needs the other.
  const webBuild = buildWebApp();
  const seeded = await prepareDatabases(config, new URL("..", import.meta.url));
  // Development without SMTP_URL: mails go to a local sink (production requires SMTP_URL; the worker says so).
  const mailSink =
    !process.env.SMTP_URL && config.env !== "production" ? await startDevelopmentMailSink(resolve(root, ".data")) : undefined;
  if (mailSink) cleanups.push(mailSink.stop);

  const services = shopServices(root, config);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Database URLs may have been pointed at an embedded PostgreSQL above.
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, config.subgraphs[name].databaseUrl])),
    ...Object.fromEntries(WORKERS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, config.workers[name].databaseUrl])),
    ...(mailSink ? { SMTP_URL: mailSink.smtpUrl } : {}),
  };
  // Readable, coloured lines in a terminal; JSON lines (one object each) for production and for anything reading them.
  const pretty = process.stdout.isTTY && config.env !== "production";
  const running = spawnServices(services, env, compiled ? "compiled" : watch ? "watch" : "tsx", { pretty });
  cleanups.unshift(running.stop);
  void running.exited.then((reason) => shutdown(1, reason));
  await waitUntilHealthy(services);
  if (await webBuild) console.log("Built the web app (clients/web), whose sources had changed.");
  const web = await serveWebApp({ gatewayUrl: `http://localhost:${config.gatewayPort}/graphql`, port: config.webPort, host: config.host });
  cleanups.unshift(() => web.stop());

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const mail = mailSink ? { smtpUrl: mailSink.smtpUrl, directory: mailSink.directory } : undefined;
  console.log(startBanner(config, { seconds, products: seeded.products, demoCustomer: seeded.demoCustomer, compiled, watch, mail }));
}

let shuttingDown = false;
async function shutdown(code: number, reason?: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) console.error(`\n${reason}; stopping.`);
  for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error: Error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  void shutdown(1);
});
