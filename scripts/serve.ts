/**
 * The image's entry point (`dist/serve.js`): runs the one service this container is for, named by SHOP_SERVICE or by
 * the first argument: `gateway` (the default), a subgraph's or a worker's name, or `prepare` (migrate and seed, run once before a
 * rollout). One image therefore serves every service; docker-compose and deploy/k8s pick the service per container.
 *
 * `serve.js --probe [service]` asks that service's `/readyz` instead and exits 0 when it is ready: the image's
 * HEALTHCHECK, and what docker-compose waits on before starting the gateway. (Docker restarts nothing on an unhealthy
 * check; Kubernetes calls /livez and /readyz itself.) It loads nothing but this file, since it runs every few seconds.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_GATEWAY_PORT, SUBGRAPH_PORTS, SUBGRAPHS, WORKER_PORTS, WORKERS } from "@shop/runtime/subgraphs";

const root = new URL("..", import.meta.url);

/** The compiled entry point of each service, as `npm run build` writes it (scripts/lib/build.ts). */
function entryOf(service: string): string | undefined {
  if (service === "gateway") return "gateway/dist/index.js";
  if (service === "prepare") return "dist/prepare.js";
  if ((WORKERS as readonly string[]).includes(service)) return `workers/${service}/dist/index.js`;
  return (SUBGRAPHS as readonly string[]).includes(service) ? `subgraphs/${service}/dist/index.js` : undefined;
}

/** The port the service listens on: its `<NAME>_PORT` setting, or the default (packages/runtime/src/config.ts). */
function portOf(service: string): number {
  const configured = process.env[`${service.toUpperCase()}_PORT`];
  if (configured) return Number(configured);
  if (service === "gateway") return DEFAULT_GATEWAY_PORT;
  if (service in WORKER_PORTS) return WORKER_PORTS[service as keyof typeof WORKER_PORTS];
  return SUBGRAPH_PORTS[service as keyof typeof SUBGRAPH_PORTS];
}

const probe = process.argv.includes("--probe");
const service = process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? process.env.SHOP_SERVICE ?? "gateway";
const entry = entryOf(service);
if (!entry || (probe && service === "prepare")) {
  console.error(`Unknown service "${service}": pick one of gateway, ${[...SUBGRAPHS, ...WORKERS].join(", ")}${probe ? "" : ", prepare"}.`);
  process.exit(2);
}

if (probe) {
  const ready = await fetch(`http://127.0.0.1:${portOf(service)}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
    (answer) => answer.ok,
    () => false,
  );
  process.exit(ready ? 0 : 1);
} else {
  const url = new URL(entry, root);
  if (!existsSync(fileURLToPath(url))) {
    console.error(`${entry} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
  await import(url.href);
}
