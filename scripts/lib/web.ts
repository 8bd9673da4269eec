/**
 * The web app (clients/web) for `npm start` and the browser tests: built with Vite when its sources are newer than
 * its build, then served by a small static server with SPA fallback that also answers /config.json, which tells the
 * app where the gateway is (one build runs against any gateway).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

const webRoot = resolve(fileURLToPath(import.meta.url), "../../../clients/web");
/** Vite's command line, as the web workspace resolves it. */
const viteBin = join(createRequire(join(webRoot, "package.json")).resolve("vite/package.json"), "../bin/vite.js");
/** The built app: index.html and hashed assets. */
const webDist = join(webRoot, "dist");

/** The newest modification time under `path` (a file, or every file of a folder). */
function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/** Whether dist/ was built after the last change to anything the build reads. */
function buildIsCurrent(): boolean {
  const built = join(webDist, "index.html");
  if (!existsSync(built)) return false;
  const inputs = ["src", "index.html", "vite.config.ts", "package.json"].map((name) => newestChange(join(webRoot, name)));
  return statSync(built).mtimeMs > Math.max(...inputs);
}

/**
 * Builds the app unless its build is current. Vite writes into a folder of its own that replaces dist/ when done, so
 * a server already serving dist/ never sees half a build. Resolves whether it built.
 */
export async function buildWebApp(): Promise<boolean> {
  if (buildIsCurrent()) return false;
  const outDir = join(webRoot, `.dist-${process.pid}`);
  await new Promise<void>((done, fail) => {
    // Each build has a folder of its own, so two at once (npm start and a test file) cannot clash: Vite's own lock
    // against concurrent builds is not needed.
    const args = [viteBin, "build", "--outDir", outDir, "--logLevel", "error", "--bypass-lock"];
    const vite = spawn(process.execPath, args, {
      cwd: webRoot,
      // Always the production build (minified, React's production bundle), whatever mode the caller runs in: a test
      // runs with NODE_ENV=test, which Vite would otherwise pass on to React.
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    vite.on("error", fail);
    vite.on("exit", (code) => (code === 0 ? done() : fail(new Error(`the web app's build (vite build) exited with ${code}`))));
  });
  // Two renames, so dist/ is missing only between them (a build from the same sources has the same file names, so a
  // page loaded from the old one still finds its chunks in the new one).
  const replaced = join(webRoot, `.dist-old-${process.pid}`);
  try {
    if (existsSync(webDist)) renameSync(webDist, replaced);
    renameSync(outDir, webDist);
    rmSync(replaced, { recursive: true, force: true });
  } catch (error) {
    // Another process (a test file, npm start) put its build in place between our two steps: same sources, keep it.
    rmSync(outDir, { recursive: true, force: true });
    rmSync(replaced, { recursive: true, force: true });
    if (!buildIsCurrent()) throw error;
  }
  return true;
}

export interface WebServer {
  /** The app's origin, e.g. http://localhost:3000. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves dist/ on `port` (0: one the OS picks), with /config.json naming the gateway: a URL, or a function asked per
 * request (a test serves the app first, so the gateway can allow its origin, and starts the gateway after).
 */
export async function serveWebApp(options: { gatewayUrl: string | (() => string); port: number; host?: string }): Promise<WebServer> {
  const gatewayUrl = options.gatewayUrl;
  const config = () => JSON.stringify({ gatewayUrl: typeof gatewayUrl === "string" ? gatewayUrl : gatewayUrl() });
  // Hashed assets never change under their name; index.html (the fallback of every route) is always asked again.
  const files = sirv(webDist, {
    single: true,
    // Look files up per request rather than once at start: a rebuild (a test's, or npm start's next) replaces dist/
    // and its hashed names while this server runs.
    dev: true,
    etag: true,
    setHeaders: (res, pathname) =>
      res.setHeader("cache-control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache"),
  });
  const server = createServer((req, res) => {
    if (req.url === "/config.json") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" }).end(config());
      return;
    }
    files(req, res);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((listening, fail) => {
    server.once("error", fail);
    server.listen(options.port, host, listening);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
