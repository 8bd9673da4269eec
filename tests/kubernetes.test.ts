import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { DEFAULT_GATEWAY_PORT, loadConfig, SUBGRAPH_PORTS, SUBGRAPHS, WORKER_PORTS, WORKERS } from "@shop/runtime";
import { loadNotificationSettings } from "@shop/notifications/settings";
import { choosePaymentProvider, loadOrderSettings } from "@shop/order/settings";

// The manifests as a cluster would receive them: each overlay rendered by `kubectl kustomize` (.ci/run makes sure
// kubectl is there), then read. No cluster runs in CI, so what a pod would do is checked by reading what it gets.
const root = resolve(import.meta.dirname, "..");

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  /** Kubernetes objects are read by shape. */
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function render(overlay: string): Manifest[] {
  const output = execFileSync("kubectl", ["kustomize", resolve(root, "deploy/k8s/overlays", overlay)], { encoding: "utf8" });
  return parseAllDocuments(output).map((document) => document.toJS() as Manifest);
}

const find = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

const SERVICES = [...SUBGRAPHS, ...WORKERS, "gateway"] as const;
const isWorker = (name: string) => (WORKERS as readonly string[]).includes(name);
const portOf = (name: (typeof SERVICES)[number]) =>
  name === "gateway"
    ? DEFAULT_GATEWAY_PORT
    : name in WORKER_PORTS
      ? WORKER_PORTS[name as keyof typeof WORKER_PORTS]
      : SUBGRAPH_PORTS[name as keyof typeof SUBGRAPH_PORTS];
/** Settings that are secret: they may reach a container only by reference. */
const SECRET_SETTINGS = /SECRET|PASSWORD|DATABASE_URL|REDIS_URL|SMTP_URL/;

/** The environment a container would see: its ConfigMap and Secret references resolved against the rendered objects. */
function environmentOf(manifests: Manifest[], container: any): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const from = source.configMapRef
      ? find(manifests, "ConfigMap", source.configMapRef.name)
      : find(manifests, "Secret", source.secretRef.name);
    Object.assign(env, from.data ?? {}, from.stringData ?? {});
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    env[variable.name] = ref ? find(manifests, "Secret", ref.name).stringData![ref.key]! : variable.value;
  }
  return env;
}

describe.each(["dev", "production"])("deploy/k8s/overlays/%s", (overlay) => {
  const manifests = render(overlay);
  const namespace = overlay === "dev" ? "shop-dev" : "shop";

  it("runs every service from the one image, hardened, with probes, resources and a stable Service name", () => {
    for (const name of SERVICES) {
      const template = find(manifests, "Deployment", name).spec.template;
      const pod = template.spec;
      // Found by a Prometheus with Kubernetes discovery, at the container's port.
      expect(template.metadata.annotations).toMatchObject({
        "prometheus.io/scrape": "true",
        "prometheus.io/port": String(portOf(name)),
        "prometheus.io/path": "/metrics",
      });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      const [container] = pod.containers;
      expect(container.image, name).toMatch(/shop-supergraph:/);
      expect(container.args).toEqual([name]);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
      expect(container.livenessProbe.httpGet.path).toBe("/livez");
      expect(container.readinessProbe.httpGet.path).toBe("/readyz");
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.ports).toEqual([{ name: "http", containerPort: portOf(name) }]);
      // Nothing calls a worker: it has no Service.
      if (isWorker(name)) expect(manifests.some((m) => m.kind === "Service" && m.metadata.name === name)).toBe(false);
      else expect(find(manifests, "Service", name).spec.ports).toEqual([{ name: "http", port: portOf(name), targetPort: "http" }]);
      expect(find(manifests, "PodDisruptionBudget", name).spec.selector.matchLabels).toMatchObject({ "app.kubernetes.io/name": name });
    }
    expect(manifests.every((manifest) => manifest.kind === "Namespace" || manifest.metadata.namespace === namespace)).toBe(true);
  });

  it("migrates with a Job before the services, and autoscales the gateway", () => {
    const job = find(manifests, "Job", "prepare").spec.template.spec;
    expect(job.containers[0].args).toEqual(["prepare"]);
    expect(job.restartPolicy).toBe("OnFailure");
    const autoscaler = find(manifests, "HorizontalPodAutoscaler", "gateway").spec;
    expect(autoscaler.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "gateway" });
    expect(autoscaler.minReplicas).toBeGreaterThanOrEqual(2);
    expect(find(manifests, "Deployment", "gateway").spec.replicas).toBeUndefined();
  });

  it("hands secrets to containers by reference only, each subgraph only its own database", () => {
    for (const manifest of manifests.filter((m) => m.kind === "Deployment" || m.kind === "Job")) {
      for (const container of manifest.spec.template.spec.containers) {
        for (const variable of container.env ?? []) {
          if (SECRET_SETTINGS.test(variable.name)) expect(variable.value, `${manifest.metadata.name}: ${variable.name}`).toBeUndefined();
        }
      }
    }
    for (const configMap of manifests.filter((m) => m.kind === "ConfigMap")) {
      expect(Object.keys(configMap.data ?? {}).filter((key) => SECRET_SETTINGS.test(key))).toEqual([]);
    }
    for (const name of [...SUBGRAPHS, ...WORKERS]) {
      const env = find(manifests, "Deployment", name).spec.template.spec.containers[0].env.map((v: { name: string }) => v.name);
      expect(env.filter((variable: string) => variable.endsWith("_DATABASE_URL"))).toEqual([`${name.toUpperCase()}_DATABASE_URL`]);
    }
  });

  it(
    overlay === "dev"
      ? "simulates payments, explicitly"
      : "names no payment provider: the order subgraph refuses to start until the operator sets one",
    () => {
      // The settings that are not secret (the production overlay's secrets are the operator's, outside this repository).
      const { paymentProvider } = loadOrderSettings(find(manifests, "ConfigMap", "shop-config").data ?? {});
      if (overlay === "dev") expect(choosePaymentProvider(paymentProvider, true).name).toBe("simulated");
      else expect(() => choosePaymentProvider(paymentProvider, true)).toThrow(/set PAYMENT_PROVIDER/);
    },
  );

  if (overlay === "production") {
    it("stores no secret and runs no database: both are the operator's (managed services)", () => {
      expect(manifests.filter((m) => m.kind === "Secret" || m.kind === "StatefulSet")).toEqual([]);
      for (const name of [...SUBGRAPHS, ...WORKERS]) expect(find(manifests, "Deployment", name).spec.replicas).toBeGreaterThanOrEqual(2);
    });
  } else {
    it("gives every container an environment that production config accepts, pointing at the cluster's services", () => {
      for (const name of SERVICES) {
        const container = find(manifests, "Deployment", name).spec.template.spec.containers[0];
        const config = loadConfig(environmentOf(manifests, container));
        expect(config.env).toBe("production");
        expect(config.host).toBe("0.0.0.0");
        for (const subgraph of SUBGRAPHS)
          expect(new URL(config.subgraphs[subgraph].url).host).toBe(`${subgraph}:${SUBGRAPH_PORTS[subgraph]}`);
        if (isWorker(name)) expect(config.workers[name as "notifications"].databaseUrl).toMatch(new RegExp(`@postgres:5432/shop_${name}$`));
        else if (name !== "gateway")
          expect(config.subgraphs[name as "user"].databaseUrl).toMatch(new RegExp(`@postgres:5432/shop_${name}$`));
      }
      // The worker's production settings accept what it is given: the dev cluster's mail catcher.
      const worker = find(manifests, "Deployment", "notifications").spec.template.spec.containers[0];
      expect(loadNotificationSettings(environmentOf(manifests, worker)).smtpUrl).toBe("smtp://mailpit:1025");
      // The SMTP credentials reach the worker alone.
      for (const name of SERVICES.filter((service) => service !== "notifications")) {
        const container = find(manifests, "Deployment", name).spec.template.spec.containers[0];
        expect(environmentOf(manifests, container).SMTP_URL, name).toBeUndefined();
      }
      const redis = find(manifests, "StatefulSet", "redis").spec.template.spec.containers[0];
      expect(redis.args).toEqual(expect.arrayContaining(["--appendonly", "yes"]));
      expect(find(manifests, "StatefulSet", "postgres").spec.volumeClaimTemplates).toHaveLength(1);
    });
  }
});
