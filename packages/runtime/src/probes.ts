import type { ServerResponse } from "node:http";
import { answerMetrics, METRICS_PATH } from "./metrics";

/**
 * The health probes every service serves, the same way (the image's HEALTHCHECK and deploy/k8s use them):
 * - `/livez`: the process runs and its event loop answers. Nothing else is checked, so an orchestrator restarts a
 *   process only when restarting can help, never because PostgreSQL is down.
 * - `/readyz`: it can serve now: its dependencies answer and it is not shutting down. A load balancer sends traffic
 *   only to ready instances; it turns 503 the moment shutdown starts, while in-flight work still finishes.
 * - `/health`: the name this shop used before the two; it answers like `/readyz`.
 */
export const PROBE_PATHS = ["/livez", "/readyz", "/health"] as const;

export interface Probes {
  /** The service's name, in every answer. */
  service: string;
  /**
   * Resolves when the service's dependencies answer, throws when one does not. What it resolves to is added to the
   * readiness answer: state operators watch that is not a reason to take the instance out (the payment breaker).
   */
  ready(): Promise<void | Record<string, unknown>>;
  /** True once shutdown has started. */
  draining(): boolean;
  /** Where a failed readiness check is reported. */
  onNotReady(error: unknown): void;
}

/**
 * Answers `path` when it is a probe or the metrics scrape (metrics.ts) and resolves true; resolves false for any
 * other path, for the caller to route. Neither needs credentials nor reaches GraphQL.
 */
export async function answerProbe(res: ServerResponse, path: string, probes: Probes): Promise<boolean> {
  if (path === METRICS_PATH) {
    await answerMetrics(res);
    return true;
  }
  if (!(PROBE_PATHS as readonly string[]).includes(path)) return false;
  if (path === "/livez") {
    sendJson(res, 200, { status: "ok", service: probes.service });
    return true;
  }
  if (probes.draining()) {
    sendJson(res, 503, { status: "shutting down", service: probes.service });
    return true;
  }
  const details = await probes.ready().then(
    (found) => found ?? {},
    (error: unknown) => (probes.onNotReady(error), null),
  );
  if (details === null) sendJson(res, 503, { status: "unavailable", service: probes.service });
  else sendJson(res, 200, { status: "ok", service: probes.service, ...details });
  return true;
}

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
