// Start-up: the median wall time of `llm-cac` commands against `node -e 0` measured in the
// same run, alternating so that every command sees the same machine load. The figure is
// the ratio of the medians (issue 11's targets: 1.30x for run --format json on the default
// scenario, 1.45x for the table, 2.0x for check data/scenarios).
// Exports `startupFigures()`; run alone, prints them.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { snapshot } from "./snapshot.mjs";
const BIN = "bin/llm-cac.js";
const BASELINE = { name: "node -e 0", args: ["-e", "0"] };
export const STARTUP_COMMANDS = [
  { name: "run default.yaml --format json", args: [BIN, "run", "data/scenarios/default.yaml", "--format", "json"], target: 1.3 },
  { name: "run default.yaml (table)", args: [BIN, "run", "data/scenarios/default.yaml", "--format", "table"], target: 1.45 },
  { name: "check data/scenarios", args: [BIN, "check", "data/scenarios"], target: 2.0 },
];

function timeOnce(args, root) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CI: "" } });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Each command's median and its ratio to `node -e 0`'s, from `runs` alternating rounds. */
export function startupFigures(runs = Number(process.env.BENCH_RUNS ?? 20), root = snapshot()) {
  const all = [BASELINE, ...STARTUP_COMMANDS];
  for (const command of all) timeOnce(command.args, root); // warm the file cache
  const samples = all.map(() => /** @type {number[]} */ ([]));
  for (let i = 0; i < runs; i++) {
    for (const [j, command] of all.entries()) samples[j].push(timeOnce(command.args, root));
  }
  const baseline = median(samples[0]);
  return STARTUP_COMMANDS.map((command, j) => ({
    name: command.name,
    ms: median(samples[j + 1]),
    baselineMs: baseline,
    ratio: median(samples[j + 1]) / baseline,
    target: command.target,
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const figure of startupFigures()) {
    console.log(
      `${figure.name.padEnd(34)} ${figure.ms.toFixed(1)} ms vs ${figure.baselineMs.toFixed(1)} ms: ${figure.ratio.toFixed(2)}x (target <= ${figure.target}x)`,
    );
  }
}
