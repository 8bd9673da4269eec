import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  DEFAULT_GATEWAY_PORT,
  generateInternalKeys,
  internalKeysEnv,
  loadConfig,
  signingKeyVariable,
  SUBGRAPH_PORTS,
  SUBGRAPHS,
  WORKER_PORTS,
  WORKERS,
} from "@shop/runtime";
import { loadNotificationSettings } from "@shop/notifications/settings";
import { choosePaymentProvider, loadOrderSettings } from "@shop/order/settings";
import { BUILD_ENTRIES } from "../scripts/lib/build";

// No Docker engine runs in CI, so the compose file is checked by reading it.
const root = resolve(import.meta.dirname, "..");
const compose = parse(readFileSync(resolve(root, "docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[];
      environment?: Record<string, string>;
      ports?: string[];
      healthcheck?: { test: string[] };
      depends_on?: unknown;
      volumes?: string[];
    }
  >;
};

/** What `npm run keys:internal` would put in the .env file. */
const internalKeys = internalKeysEnv(generateInternalKeys());

/** What the operator's .env would hold for the other required variables. */
const STAND_INS: Record<string, string> = {
  ADMIN_PASSWORD: "a strong admin password",
  SMTP_URL: "smtp://shop:password@mail.example.com:587",
};

/** Substitutes ${VAR:?message} and ${VAR:-default} the way docker compose would, with stand-ins for secrets. */
function interpolate(value: string): string {
  return String(value).replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_, name: string, fallback: string) =>
    name.endsWith("SECRET") ? "x".repeat(40) : (STAND_INS[name] ?? internalKeys[name] ?? fallback ?? ""),
  );
}

describe("docker-compose.yml", () => {
  it("runs postgres, redis, a prepare step, the five subgraphs, the workers, the gateway and Prometheus", () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ["gateway", "postgres", "prepare", "prometheus", "redis", ...SUBGRAPHS, ...WORKERS].sort(),
    );
    expect(compose.services.gateway!.ports).toEqual(["4000:4000"]);
  });

  it("runs every service from the one image, named by its argument, with plain node on what the image builds and keeps", () => {
    const dockerfile = readFileSync(resolve(root, "Dockerfile"), "utf8");
    // The image is the last stage: production dependencies, and what it takes from the build stage.
    const image = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(image).toMatch(/^RUN npm ci --omit=dev/m);
    expect(image).not.toMatch(/tsx/);
    for (const name of ["prepare", ...SUBGRAPHS, ...WORKERS, "gateway", "serve"]) {
      const entry = BUILD_ENTRIES.find((candidate) => candidate.name === name)!;
      expect(existsSync(resolve(root, entry.source)), `${name}: ${entry.source}`).toBe(true);
      expect(image).toContain(`COPY --from=build /app/${dirname(entry.output)}/ `);
    }
    for (const name of ["prepare", ...SUBGRAPHS, ...WORKERS, "gateway"]) expect(compose.services[name]!.command, name).toEqual([name]);
    for (const name of SUBGRAPHS) {
      expect(image).toContain(`COPY --from=build /app/subgraphs/${name}/schema.graphql `);
      expect(image).toContain(`COPY --from=build /app/subgraphs/${name}/drizzle/ `);
    }
    for (const name of WORKERS) expect(image).toContain(`COPY --from=build /app/workers/${name}/drizzle/ `);
    expect(image).toContain("COPY --from=build /app/schema/supergraph.graphql ");
    expect(image).toMatch(/^ENTRYPOINT \["node", "dist\/serve.js"\]$/m);
    expect(image).toMatch(/^ENV SHOP_SERVICE=gateway$/m);
    expect(image).toMatch(/^HEALTHCHECK .*CMD \["node", "dist\/serve.js", "--probe"\]$/m);
    // Not root: the last USER before the entry point.
    expect(
      image
        .slice(0, image.indexOf("ENTRYPOINT"))
        .match(/^USER (\S+)$/gm)
        ?.at(-1),
    ).toBe("USER node");
  });

  it("starts the gateway once every subgraph is healthy, and keeps Redis on disk (the order events stream)", () => {
    for (const name of [...SUBGRAPHS, ...WORKERS, "gateway"]) {
      expect(compose.services[name]!.healthcheck?.test, name).toEqual(["CMD", "node", "dist/serve.js", "--probe", name]);
    }
    expect(compose.services.gateway!.depends_on).toEqual(
      Object.fromEntries(SUBGRAPHS.map((name) => [name, { condition: "service_healthy" }])),
    );
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(["--appendonly", "yes"]));
    expect(compose.services.redis!.volumes).toEqual(["redis-data:/data"]);
  });

  it("gives every app service an environment that production config accepts, pointing at the containers", () => {
    for (const name of ["prepare", ...SUBGRAPHS, ...WORKERS, "gateway"]) {
      const env = Object.fromEntries(Object.entries(compose.services[name]!.environment!).map(([k, v]) => [k, interpolate(v)]));
      const config = loadConfig(env);
      expect(config.env).toBe("production");
      // Production refuses to start without a payment provider: the containers simulate payments, and say so.
      expect(choosePaymentProvider(loadOrderSettings(env).paymentProvider, true).name).toBe("simulated");
      // Each service holds its own signing key and no other; prepare signs nothing.
      expect(
        Object.keys(env).filter((key) => key.endsWith("_INTERNAL_SIGNING_KEY")),
        name,
      ).toEqual(name === "prepare" ? [] : [signingKeyVariable(name as "gateway")]);
      expect(config.redisUrl).toBe("redis://redis:6379");
      for (const subgraph of SUBGRAPHS) {
        expect(config.subgraphs[subgraph].databaseUrl).toBe(`postgres://postgres:postgres@postgres:5432/shop_${subgraph}`);
        expect(new URL(config.subgraphs[subgraph].url).hostname).toBe(subgraph);
      }
      for (const worker of WORKERS) {
        expect(config.workers[worker].databaseUrl).toBe(`postgres://postgres:postgres@postgres:5432/shop_${worker}`);
      }
    }
    // The worker's production settings: SMTP_URL is required there, the file asks for it, and no other service gets it.
    const worker = Object.fromEntries(Object.entries(compose.services.notifications!.environment!).map(([k, v]) => [k, interpolate(v)]));
    expect(loadNotificationSettings(worker).smtpUrl).toBe("smtp://shop:password@mail.example.com:587");
    expect(compose.services.notifications!.environment!.SMTP_URL).toMatch(/^\$\{SMTP_URL:\?/);
    for (const name of ["prepare", ...SUBGRAPHS, "gateway"]) expect(compose.services[name]!.environment!.SMTP_URL, name).toBeUndefined();
  });

  it("has Prometheus scrape every service's /metrics at its compose name and port", () => {
    const path = resolve(root, "deploy/prometheus/prometheus.yml");
    expect(compose.services.prometheus!.volumes).toContain("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    const prometheus = parse(readFileSync(path, "utf8")) as {
      scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const ports = { ...SUBGRAPH_PORTS, ...WORKER_PORTS, gateway: DEFAULT_GATEWAY_PORT };
    expect(prometheus.scrape_configs.map((job) => [job.job_name, job.metrics_path, job.static_configs[0]!.targets]).sort()).toEqual(
      Object.entries(ports)
        .map(([name, port]) => [name, "/metrics", [`${name}:${port}`]])
        .sort(),
    );
    // Prometheus's own check of the file, where Debian's prometheus package is installed (.ci/run installs it).
    if (existsSync("/usr/bin/promtool")) {
      const check = spawnSync("/usr/bin/promtool", ["check", "config", path], { encoding: "utf8" });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
  });
});
