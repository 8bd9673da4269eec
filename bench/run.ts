/**
 * `npm run bench`: runs every benchmark in its own process (so one cannot warm or starve another) and assembles
 * bench/RESULTS.md from their result files, with the machine they ran on.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

const benches = [
  { script: "bench/reservations.ts", result: "bench/results/reservations.md" },
  { script: "bench/flash-sale.ts", result: "bench/results/flash-sale.md" },
  { script: "bench/subscriptions.ts", result: "bench/results/subscriptions.md" },
  { script: "bench/gateways.ts", result: "bench/results/gateways.md" },
  { script: "bench/subgraph-cost.ts", result: "bench/results/subgraph-cost.md" },
  { script: "bench/tracing.ts", result: "bench/results/tracing.md" },
  { script: "bench/internal-tokens.ts", result: "bench/results/internal-tokens.md" },
  { script: "bench/notifications.ts", result: "bench/results/notifications.md" },
];
const only = process.argv.slice(2);

for (const bench of benches) {
  if (only.length > 0 && !only.some((name) => bench.script.includes(name))) continue;
  console.log(`\n▶ ${bench.script}`);
  execFileSync(process.execPath, ["--import", "tsx", bench.script], { stdio: "inherit" });
}

const sections = benches.filter((bench) => existsSync(bench.result)).map((bench) => readFileSync(bench.result, "utf8").trim());
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
writeFileSync(
  "bench/RESULTS.md",
  `# Benchmark results\n\nMeasured with \`npm run bench\` on ${machine}, PostgreSQL and Redis on the same machine (loopback).\nEach section compares against its baseline in the same run.\n\n${sections.join("\n\n")}\n`,
);
console.log("\nWrote bench/RESULTS.md");
