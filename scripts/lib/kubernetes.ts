import { stringify } from "yaml";
import {
  DATABASE_OWNERS,
  DEFAULT_GATEWAY_PORT,
  signingKeyVariable,
  SUBGRAPH_PORTS,
  SUBGRAPHS,
  WORKER_PORTS,
  WORKERS,
  type SubgraphName,
  type WorkerName,
} from "@shop/runtime";

/**
 * deploy/k8s/base/shop.yaml: the workloads of the shop for Kubernetes, derived from the subgraph list like
 * docker-compose.yml. The overlays (deploy/k8s/overlays/dev and production, written by hand) add namespaces,
 * replicas, the secrets' source and, for dev, PostgreSQL and Redis; deploy/k8s/README.md says how to roll out.
 *
 * Every container runs the one image (scripts/serve.ts picks the service by its argument), as an unprivileged user on
 * a read-only root filesystem, with probes on /livez and /readyz (runtime probes.ts). Secrets are referenced, never
 * written here: `shop-secrets` holds what every service needs (JWT_SECRET, ADMIN_PASSWORD, REDIS_URL),
 * `shop-databases` one connection URL per subgraph and worker, of which each gets only its own, and `shop-internal-keys`
 * every service's public key (`public-keys`) and one signing key per service, of which each service gets only its own.
 * The notifications worker alone also reads SMTP_URL, from `shop-smtp` (key `url`: an SMTP URL carries its password).
 */

const IMAGE = "shop-supergraph";
const PART_OF = "shop-supergraph";
/** The node user of the official Node.js image (the Dockerfile's `USER node`). */
const NODE_UID = 1000;
/** Longer than a service's graceful shutdown, so Kubernetes never kills one that is still finishing checkouts. */
const TERMINATION_GRACE_SECONDS = 45;

type Service = SubgraphName | WorkerName | "gateway";

const isWorker = (service: string): service is WorkerName => (WORKERS as readonly string[]).includes(service);
const portOf = (service: Service) =>
  service === "gateway" ? DEFAULT_GATEWAY_PORT : isWorker(service) ? WORKER_PORTS[service] : SUBGRAPH_PORTS[service];
const componentOf = (service: Service | "prepare") =>
  service === "gateway" ? "gateway" : service === "prepare" ? "migration" : isWorker(service) ? "worker" : "subgraph";
const labelsOf = (service: Service | "prepare") => ({
  "app.kubernetes.io/name": service,
  "app.kubernetes.io/part-of": PART_OF,
  "app.kubernetes.io/component": componentOf(service),
});
const databaseUrlOf = (name: SubgraphName | WorkerName) => ({
  name: `${name.toUpperCase()}_DATABASE_URL`,
  valueFrom: { secretKeyRef: { name: "shop-databases", key: name } },
});

/** INTERNAL_PUBLIC_KEYS for every container, and the service's own signing key (none for `prepare`, which signs nothing). */
const internalKeysOf = (service: Service | "prepare") => [
  { name: "INTERNAL_PUBLIC_KEYS", valueFrom: { secretKeyRef: { name: "shop-internal-keys", key: "public-keys" } } },
  ...(service === "prepare"
    ? []
    : [{ name: signingKeyVariable(service), valueFrom: { secretKeyRef: { name: "shop-internal-keys", key: service } } }]),
];

/** The settings that are not secret, the same for every service: subgraph URLs are the Services' names. */
function configMap() {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "shop-config", labels: { "app.kubernetes.io/part-of": PART_OF } },
    data: {
      NODE_ENV: "production",
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      ADMIN_EMAIL: "admin@shop.test",
      ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `http://${name}:${SUBGRAPH_PORTS[name]}/graphql`])),
    },
  };
}

/** A container of the image running `service`, hardened, with the shared settings and the secrets it may read. */
function container(service: Service | "prepare", env: object[]) {
  return {
    name: service,
    image: IMAGE,
    args: [service],
    envFrom: [{ configMapRef: { name: "shop-config" } }, { secretRef: { name: "shop-secrets" } }],
    env: [...internalKeysOf(service), ...env],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

const podSecurity = {
  runAsNonRoot: true,
  runAsUser: NODE_UID,
  runAsGroup: NODE_UID,
  fsGroup: NODE_UID,
  seccompProfile: { type: "RuntimeDefault" },
};

function deployment(service: Service) {
  const port = portOf(service);
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: "http" },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: service, labels: labelsOf(service) },
    spec: {
      // The gateway's replicas are its autoscaler's to set: a count here would reset them on every apply.
      ...(service === "gateway" ? {} : { replicas: 1 }),
      selector: { matchLabels: { "app.kubernetes.io/name": service, "app.kubernetes.io/part-of": PART_OF } },
      template: {
        metadata: {
          labels: labelsOf(service),
          // The usual scrape annotations: a Prometheus with Kubernetes discovery finds every service's /metrics.
          annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": String(port), "prometheus.io/path": "/metrics" },
        },
        spec: {
          securityContext: podSecurity,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          containers: [
            {
              ...container(service, [
                { name: `${service.toUpperCase()}_PORT`, value: String(port) },
                ...(service === "gateway" ? [] : [databaseUrlOf(service)]),
                ...(service === "notifications"
                  ? [{ name: "SMTP_URL", valueFrom: { secretKeyRef: { name: "shop-smtp", key: "url" } } }]
                  : []),
              ]),
              // A worker's port serves its probes and /metrics only: no Service routes to it.
              ports: [{ name: "http", containerPort: port }],
              // A subgraph applies its migrations before it listens: give it time before liveness counts.
              startupProbe: probe("/livez", 2, 60),
              livenessProbe: probe("/livez", 10, 3),
              readinessProbe: probe("/readyz", 5, 2),
              resources:
                service === "gateway"
                  ? { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } }
                  : { requests: { cpu: "100m", memory: "192Mi" }, limits: { cpu: "1", memory: "384Mi" } },
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  };
}

function service(name: Service) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, labels: labelsOf(name) },
    spec: {
      selector: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF },
      ports: [{ name: "http", port: portOf(name), targetPort: "http" }],
    },
  };
}

/** Voluntary disruptions (node drains) take one pod at a time; the gateway keeps at least one. */
function disruptionBudget(name: Service) {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, labels: labelsOf(name) },
    spec: {
      ...(name === "gateway" ? { minAvailable: 1 } : { maxUnavailable: 1 }),
      selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF } },
    },
  };
}

/**
 * Migrations and the admin account (`prepare`), run to completion before the services roll out (README beside the
 * overlays). Removed a while after it finishes, so the next release can apply it again (a Job's pod template cannot
 * change).
 */
function prepareJob() {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "prepare", labels: labelsOf("prepare") },
    spec: {
      backoffLimit: 4,
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: labelsOf("prepare") },
        spec: {
          restartPolicy: "OnFailure",
          securityContext: podSecurity,
          containers: [
            {
              ...container("prepare", DATABASE_OWNERS.map(databaseUrlOf)),
              resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  };
}

/** The gateway scales with CPU: it plans, fans out and merges every client request. */
function gatewayAutoscaler() {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "gateway", labels: labelsOf("gateway") },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "gateway" },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
    },
  };
}

export function renderKubernetesBase(): string {
  const services: Service[] = [...SUBGRAPHS, "gateway"];
  const documents = [
    configMap(),
    prepareJob(),
    ...services.flatMap((name) => [deployment(name), service(name), disruptionBudget(name)]),
    // Workers are called by nobody: a Deployment and its disruption budget, no Service.
    ...WORKERS.flatMap((name) => [deployment(name), disruptionBudget(name)]),
    gatewayAutoscaler(),
  ];
  const header = "# Generated by `npm run compose` from packages/runtime/src/subgraphs.ts (scripts/lib/kubernetes.ts): do not edit.\n";
  return header + documents.map((document) => `---\n${stringify(document, { lineWidth: 0 })}`).join("");
}
