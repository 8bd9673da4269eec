import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig, SUBGRAPHS } from "@shop/runtime";
import { BUILD_ENTRIES } from "../scripts/lib/build";

// No Docker engine runs in CI, so the compose file is checked by reading it.
const root = resolve(import.meta.dirname, "..");
const compose = parse(readFileSync(resolve(root, "docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; ports?: string[] }>;
};

/** Substitutes ${VAR:?message} and ${VAR:-default} the way docker compose would, with stand-ins for secrets. */
function interpolate(value: string): string {
  return String(value).replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_, name: string, fallback: string) =>
    name.endsWith("SECRET") ? "x".repeat(40) : name === "ADMIN_PASSWORD" ? "a strong admin password" : (fallback ?? ""),
  );
}

describe("docker-compose.yml", () => {
  it("runs postgres, redis, a prepare step, the five subgraphs and the gateway", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["gateway", "postgres", "prepare", "redis", ...SUBGRAPHS].sort());
    expect(compose.services.gateway!.ports).toEqual(["4000:4000"]);
  });

  it("runs every service's compiled entry point with plain node, which the image builds and keeps", () => {
    const dockerfile = readFileSync(resolve(root, "Dockerfile"), "utf8");
    // The image is the last stage: production dependencies, and what it takes from the build stage.
    const image = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(image).toMatch(/^RUN npm ci --omit=dev/m);
    expect(image).not.toMatch(/tsx/);
    for (const name of ["prepare", ...SUBGRAPHS, "gateway"]) {
      const entry = BUILD_ENTRIES.find((candidate) => candidate.name === name)!;
      expect(compose.services[name]!.command, name).toEqual(["node", entry.output]);
      expect(existsSync(resolve(root, entry.source)), `${name}: ${entry.source}`).toBe(true);
      expect(image).toContain(`COPY --from=build /app/${dirname(entry.output)}/ `);
    }
    for (const name of SUBGRAPHS) {
      expect(image).toContain(`COPY --from=build /app/subgraphs/${name}/schema.graphql `);
      expect(image).toContain(`COPY --from=build /app/subgraphs/${name}/drizzle/ `);
    }
    expect(image).toContain("COPY --from=build /app/schema/supergraph.graphql ");
    expect(image).toMatch(/^CMD \["node", "gateway\/dist\/index.js"\]$/m);
  });

  it("gives every app service an environment that production config accepts, pointing at the containers", () => {
    for (const name of ["prepare", ...SUBGRAPHS, "gateway"]) {
      const env = Object.fromEntries(Object.entries(compose.services[name]!.environment!).map(([k, v]) => [k, interpolate(v)]));
      const config = loadConfig(env);
      expect(config.env).toBe("production");
      expect(config.redisUrl).toBe("redis://redis:6379");
      for (const subgraph of SUBGRAPHS) {
        expect(config.subgraphs[subgraph].databaseUrl).toBe(`postgres://postgres:postgres@postgres:5432/shop_${subgraph}`);
        expect(new URL(config.subgraphs[subgraph].url).hostname).toBe(subgraph);
      }
    }
  });
});
