/**
 * The build (`npm run build`, scripts/build.ts): compiles each service into one JavaScript file that plain `node`
 * runs, for production (the Dockerfile, `NODE_ENV=production npm start`). Development keeps running the TypeScript
 * sources through tsx.
 *
 * esbuild bundles each entry point with the workspace code it imports (`@shop/*` packages export `.ts` sources and
 * use extensionless imports, which Node cannot load); npm packages stay external, installed beside the output. Each
 * bundle sits in its workspace's `dist/`, one level down like `src/`, so a path a module finds from its own URL
 * (`new URL("..", import.meta.url)` for the package folder) means the same from the bundle; files it reads beside
 * itself are copied beside the bundle, and any other such path fails the build. It only compiles: types are
 * checked by `npm run typecheck`.
 */
import { isBuiltin } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build as esbuild, transform, type Metafile, type Plugin } from "esbuild";
import { SUBGRAPHS, WORKERS } from "@shop/runtime";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

/** A service workspace's entry point, and its bundle: in `dist/` beside `src/`, as deep. */
export const SOURCE_ENTRY = "src/index.ts";
export const COMPILED_ENTRY = "dist/index.js";

/**
 * Every entry point that runs in production, as paths from the repository root: each service, `prepare` (migrate +
 * seed, run once before the services), and `serve`, the image's entry point that starts one of them by name
 * (scripts/serve.ts). The scripts are one folder down from the root, so their bundles are too: `dist/*.js`.
 */
export const BUILD_ENTRIES: readonly { name: string; source: string; output: string }[] = [
  ...[...SUBGRAPHS, ...WORKERS, "gateway"].map((name) => {
    const workspace = name === "gateway" ? name : (WORKERS as readonly string[]).includes(name) ? `workers/${name}` : `subgraphs/${name}`;
    return { name, source: `${workspace}/${SOURCE_ENTRY}`, output: `${workspace}/${COMPILED_ENTRY}` };
  }),
  { name: "prepare", source: "scripts/prepare.ts", output: "dist/prepare.js" },
  { name: "serve", source: "scripts/serve.ts", output: "dist/serve.js" },
];

/** Bundles `@shop/*` workspace code; every other bare import is an npm package, left for Node to load. */
export const npmPackagesExternal: Plugin = {
  name: "npm-packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@shop/") ? undefined : { path: args.path, external: true }));
  },
};

const packageNameOf = (specifier: string) => specifier.split("/", specifier.startsWith("@") ? 2 : 1).join("/");

/** The names a path beside a module stands for: `./reserve.lua` that one, `./${name}.lua` any `.lua` file. */
function fileNamePattern(path: string): RegExp {
  const literals = path.slice(2).split(/\$\{[^}]*\}/);
  return new RegExp(`^${literals.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+")}$`);
}

/** The package.json of the workspace holding `file` (a path from the repository root). */
function workspaceManifestOf(file: string): { path: string; dependencies: Record<string, string> } {
  for (let dir = dirname(resolve(root, file)); ; dir = dirname(dir)) {
    const path = join(dir, "package.json");
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, "utf8")) as { dependencies?: Record<string, string> };
      return { path: relative(root, path), dependencies: manifest.dependencies ?? {} };
    }
    if (dir === root) throw new Error(`no package.json holds ${file}`);
  }
}

/**
 * The production image installs `dependencies` only: an npm package a bundled module imports must be one of its own
 * workspace's `dependencies`, or the service would start here and fail there.
 */
function checkProductionDependencies(metafile: Metafile): string[] {
  const problems: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    const manifest = workspaceManifestOf(file);
    for (const imported of input.imports) {
      if (!imported.external || isBuiltin(imported.path)) continue;
      const name = packageNameOf(imported.path);
      if (!(name in manifest.dependencies)) problems.push(`${file} imports ${name}, which is not in the dependencies of ${manifest.path}`);
    }
  }
  return problems;
}

/** `new URL("<path>", import.meta.url)`, the path a string or a template literal. */
const MODULE_RELATIVE_URL = /new URL\(\s*(["'`])(.*?)\1\s*,\s*import\.meta\.url\s*\)/g;

/** The paths `file` finds relative to its own URL; compiled first, so that comments drop out. */
async function moduleRelativePaths(file: string): Promise<string[]> {
  const { code } = await transform(readFileSync(resolve(root, file), "utf8"), { loader: "ts" });
  return [...code.matchAll(MODULE_RELATIVE_URL)].map((match) => match[2]!);
}

/**
 * A bundle gives every module in it the bundle's `import.meta.url`. For each path a bundled module finds relative to
 * its own URL: the same place from the bundle (`..` from src/app.ts and from dist/index.js is the package folder) is
 * fine; files beside the module (`./reserve.lua`, `./${name}.lua`) are copied beside the bundle; anything else is an
 * error, since it would point elsewhere in production.
 */
async function filesBesideModules(metafile: Metafile): Promise<{ copies: Map<string, string>; problems: string[] }> {
  const pathsOf = new Map(
    await Promise.all(Object.keys(metafile.inputs).map(async (file) => [file, await moduleRelativePaths(file)] as const)),
  );
  const copies = new Map<string, string>();
  const problems: string[] = [];
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (output.endsWith(".map")) continue;
    const outputDir = dirname(resolve(root, output));
    for (const file of Object.keys(inputs)) {
      const sourceDir = dirname(resolve(root, file));
      for (const path of pathsOf.get(file) ?? []) {
        if (resolve(sourceDir, path) === resolve(outputDir, path)) continue;
        const beside = /^\.\/[^/]+$/.test(path);
        const pattern = fileNamePattern(path);
        const matches = beside ? readdirSync(sourceDir).filter((name) => pattern.test(name)) : [];
        if (matches.length === 0) {
          problems.push(
            `${file} reads "${path}" relative to its own URL, which from ${output} is another place: ` +
              `read it from the package folder (new URL("..", import.meta.url) in src/) or keep it beside the module`,
          );
        }
        for (const name of matches) {
          const target = join(outputDir, name);
          const source = join(sourceDir, name);
          const earlier = copies.get(target);
          if (earlier && earlier !== source)
            problems.push(`${relative(root, earlier)} and ${relative(root, source)} both go to ${relative(root, target)}`);
          copies.set(target, source);
        }
      }
    }
  }
  return { copies, problems };
}

/** Replaces `path` in one step, so a process starting meanwhile (or a second build at once) never reads half a file. */
function writeAtomically(path: string, contents: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Builds every entry point into its `dist/`, with linked source maps (Node applies them only when asked:
 * `node --enable-source-maps`); removes whatever else an earlier build left there. Throws when the output would not
 * run in production.
 */
export async function build(): Promise<{ outputs: string[] }> {
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: BUILD_ENTRIES.map((entry) => ({ in: entry.source, out: entry.output.replace(/\.js$/, "") })),
    outdir: ".",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "warning",
    plugins: [npmPackagesExternal],
  });
  const { copies, problems } = await filesBesideModules(result.metafile);
  problems.push(...checkProductionDependencies(result.metafile));
  if (problems.length > 0) throw new Error(`The build would not run in production:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

  const written = new Set<string>();
  for (const file of result.outputFiles) {
    writeAtomically(file.path, file.contents);
    written.add(file.path);
  }
  for (const [target, source] of copies) {
    writeAtomically(target, readFileSync(source));
    written.add(target);
  }
  for (const folder of new Set(BUILD_ENTRIES.map((entry) => dirname(entry.output)))) {
    for (const name of readdirSync(resolve(root, folder))) {
      const path = resolve(root, folder, name);
      if (!written.has(path) && !name.endsWith(".tmp")) rmSync(path, { recursive: true, force: true });
    }
  }
  return { outputs: [...written].map((path) => relative(root, path)).sort() };
}
