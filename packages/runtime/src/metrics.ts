import type { ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics. Every service serves its process's registry at `/metrics` (answerMetrics), in the text format.
 * One registry per process, because a process is one service in every deployment (scripts/serve.ts, npm start);
 * a test stack runs several services in one process and then each of their `/metrics` shows them all. Prometheus
 * adds `job` and `instance` on scrape, so no metric carries the service's name itself.
 *
 * Metrics are created where they are counted, through the get-or-create helpers below: a module loaded twice (tests,
 * several stacks in one process) shares one metric instead of failing on a duplicate name.
 */
export const METRICS_PATH = "/metrics";

const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** The text a scrape gets: every metric of this process, with Node's own (CPU, memory, event loop lag, GC). */
export function scrapeMetrics(): Promise<string> {
  return registry.metrics();
}

/** Answers a scrape. Like the probes it needs no credentials: keep `/metrics` off the public ingress (deploy/k8s). */
export async function answerMetrics(res: ServerResponse): Promise<void> {
  const text = await scrapeMetrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(text);
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

/** Latencies in seconds, from a few milliseconds (a cached read) to the gateway's request deadline. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function latencyHistogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return (
    (registry.getSingleMetric(name) as Histogram<L> | undefined) ??
    new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [registry] })
  );
}

/** One reading of a gauge: its labels and value. */
export interface GaugeReading<L extends string> {
  labels?: Partial<Record<L, string>>;
  value: number;
}

/**
 * A gauge read at scrape time from whoever holds the state (a pool, a table, a socket server). `observe` adds a
 * reader and returns its removal: call it when the thing read closes. Readers that fail are skipped for that scrape
 * (a database that is down leaves its gauges out rather than failing the whole scrape).
 */
export interface ScrapedGauge<L extends string> {
  observe(read: () => GaugeReading<L>[] | Promise<GaugeReading<L>[]>): () => void;
}

const readersByGauge = new Map<string, Set<() => GaugeReading<string>[] | Promise<GaugeReading<string>[]>>>();

export function scrapedGauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): ScrapedGauge<L> {
  let readers = readersByGauge.get(name);
  if (!readers) {
    const ownReaders = new Set<() => GaugeReading<string>[] | Promise<GaugeReading<string>[]>>();
    readers = ownReaders;
    readersByGauge.set(name, ownReaders);
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const readings = await Promise.all([...ownReaders].map(readWithin));
        for (const reading of readings.flat()) {
          if (reading.labels) this.set(reading.labels as Partial<Record<L, string>>, reading.value);
          else this.set(reading.value);
        }
      },
    });
  }
  const own = readers;
  return {
    observe(read) {
      const reader = read;
      own.add(reader);
      return () => void own.delete(reader);
    },
  };
}

/** How long a scrape waits for one reader (a pool whose every connection is busy) before leaving it out. */
const READ_TIMEOUT_MS = 2000;

function readWithin<R>(read: () => R[] | Promise<R[]>): Promise<R[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<R[]>((resolve) => (timer = setTimeout(() => resolve([]), READ_TIMEOUT_MS)));
  const reading = Promise.resolve()
    .then(read)
    .catch(() => []);
  return Promise.race([reading, timeout]).finally(() => clearTimeout(timer));
}

/** Distinct operation names kept as labels; past it, new names count as "other" (clients choose these names). */
const MAX_OPERATION_LABELS = 200;
const operationLabels = new Set<string>();

/**
 * The `operation` label of a request: its operation name when it is a plain GraphQL name. Names come from clients,
 * so they are bounded: unnamed is "anonymous", a malformed name "invalid", and names past the first 200 "other", so
 * a client inventing names cannot grow the series without end.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "invalid";
  if (operationLabels.has(name)) return name;
  if (operationLabels.size >= MAX_OPERATION_LABELS) return "other";
  operationLabels.add(name);
  return name;
}
