import { spawnSync } from "node:child_process";

/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** What `/metrics` answered: status, content type, text and its samples. */
export interface Scrape {
  status: number;
  contentType: string | null;
  text: string;
  samples: Sample[];
}

/** GETs `/metrics` of the service whose GraphQL URL is `graphqlUrl`, without credentials, as Prometheus does. */
export async function scrape(graphqlUrl: string): Promise<Scrape> {
  const response = await fetch(new URL("/metrics", graphqlUrl));
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), text, samples: samplesOf(text) };
}

/**
 * The samples of a text exposition. Enough of the format to read our own values back; whether the text is valid
 * Prometheus is for Prometheus's own parser to say (`promtoolProblems`).
 */
function samplesOf(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]!] = label[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there is none). */
export function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** Whether any sample is named `name` with these labels. */
export function has(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): boolean {
  return samples.some((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

/** Debian's `prometheus` package puts both here; CI (.ci/run) installs it. */
export const PROMETHEUS_BINARY = "/usr/bin/prometheus";
export const PROMTOOL_BINARY = "/usr/bin/promtool";

/**
 * What `promtool check metrics` (Prometheus's own parser and linter) says of a scrape: "" when nothing. Lint notes on
 * prom-client's own Node metrics are left out (three of its gauges end in `_total`); parse errors and notes on any
 * other metric are kept.
 */
export function promtoolProblems(text: string): string {
  const run = spawnSync(PROMTOOL_BINARY, ["check", "metrics"], { input: text, encoding: "utf8" });
  const problems = `${run.stdout}${run.stderr}`.split("\n").filter((line) => line.trim() && !/^(nodejs|process)_\w+ /.test(line));
  // Exit 3 is "lint problems found" (all of them filtered above); 1 is a text the parser refused.
  return (run.status === 0 || run.status === 3) && problems.length === 0 ? "" : problems.join("\n") || `exit ${run.status}`;
}
