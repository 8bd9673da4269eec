import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import semver from "semver";
import { expect, it } from "vitest";

// The Node.js versions we support are declared in three places that users and machines read: `engines` (npm),
// `.nvmrc` (nvm, fnm, CI images) and the production image. They must agree, and a run on any other version must say so.
const root = resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(resolve(root, file), "utf8");
const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;

it("runs on a Node.js version that package.json declares supported", () => {
  expect(semver.satisfies(process.version, engines), `Node ${process.version} is outside engines "${engines}"`).toBe(true);
});

it("names the same supported major in .nvmrc and the production image", () => {
  const nvmrc = read(".nvmrc").trim();
  const image = /^FROM node:(\d+)-/m.exec(read("Dockerfile"))?.[1];
  expect(nvmrc).toBe("24");
  expect(image).toBe(nvmrc);
  expect(semver.satisfies(`${nvmrc}.0.0`, engines)).toBe(true);
});
