/**
 * Summarises V8 CPU profiles (.cpuprofile, from `node --cpu-prof`): self time by package and by function, and
 * inclusive time of the hottest functions. `npx tsx bench/cpuprofile-summary.ts <dir or file…> [--top N]`.
 *
 * Given the folder that `BENCH_CPU_PROF_DIR` of bench/subgraph-cost.ts or bench/flash-sale.ts wrote, it names each
 * profile after the process (windows.json maps pids to services: the gateway and any subgraph) and counts only samples
 * inside each workload's or phase's measured interval, per request too when the window says how many it served; then
 * a table of busy ms per request by process and window. Other profiles are summarised whole. `--window <text>` keeps
 * only windows whose name contains it (e.g. `--window PAID`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface Window {
  name: string;
  pid: Record<string, number>;
  startUs: number;
  endUs: number;
  /** Requests answered in the window (bench/flash-sale.ts writes it). */
  requests?: number;
}

const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
const windowIndex = args.indexOf("--window");
const only = windowIndex >= 0 ? args.splice(windowIndex, 2)[1]! : "";
const files = args.flatMap((arg) =>
  statSync(arg).isDirectory()
    ? readdirSync(arg)
        .filter((name) => name.endsWith(".cpuprofile"))
        .map((name) => join(arg, name))
    : [arg],
);

/** Which package (or part of this repository, or of Node) a frame's script belongs to. */
function packageOf(frame: CallFrame): string {
  const { url } = frame;
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/").slice(0, 2).join("/")}`;
  const ours = /\/(packages\/[^/]+|subgraphs\/[^/]+|gateway)\//.exec(url);
  return ours ? ours[1]! : url;
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(packages|subgraphs|gateway)\//, "$1/");
}

function label(frame: CallFrame): string {
  return `${frame.functionName || "(anonymous)"} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ""}`.trim();
}

/** Prints the profile's busy time between `from` and `to` (µs, the profile's clock); returns the busy µs. */
function summarise(title: string, profile: Profile, from = -Infinity, to = Infinity, requests?: number): number {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let time = profile.startTime;
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    if (time < from || time > to) return;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") return void (idle += delta);
    total += delta;
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + delta);
    add(self, label(node.callFrame));
    add(packages, packageOf(node.callFrame));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      add(inclusive, name);
    }
  });
  const list = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
      .join("\n");
  const perRequest = requests ? `, ${(total / 1000 / requests).toFixed(2)} ms per request (${requests})` : "";
  console.log(`\n=== ${title}: ${(total / 1000).toFixed(0)} ms busy${perRequest}, ${(idle / 1000).toFixed(0)} ms idle`);
  console.log(`-- self time by package\n${list(packages, 20)}`);
  console.log(`-- self time by function\n${list(self, top)}`);
  console.log(`-- inclusive time by function\n${list(inclusive, top)}`);
  return total;
}

/** Busy ms per request (or in all) of each process in each window, for the closing table. */
const busy = new Map<string, Map<string, string>>();
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const pid = Number(/\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(file)?.[1]);
  const windowsFile = join(file, "..", "windows.json");
  const windows = existsSync(windowsFile) ? (JSON.parse(readFileSync(windowsFile, "utf8")) as Window[]) : [];
  const service = Object.entries(windows[0]?.pid ?? {}).find(([, p]) => p === pid)?.[0];
  if (!service) {
    summarise(file, profile);
    continue;
  }
  for (const window of windows.filter((w) => w.name.includes(only))) {
    const us = summarise(`${service} — ${window.name}`, profile, window.startUs, window.endUs, window.requests);
    const row = busy.get(window.name) ?? busy.set(window.name, new Map()).get(window.name)!;
    row.set(service, (window.requests ? us / 1000 / window.requests : us / 1000).toFixed(2));
  }
}
if (busy.size > 0) {
  const services = [...new Set([...busy.values()].flatMap((row) => [...row.keys()]))];
  console.log(`\n=== busy ms per request (ms in all where the window has no request count), by process\n`);
  console.log(`| window | ${services.join(" | ")} |\n| --- | ${services.map(() => "---").join(" | ")} |`);
  for (const [name, row] of busy) console.log(`| ${name} | ${services.map((service) => row.get(service) ?? "–").join(" | ")} |`);
}
