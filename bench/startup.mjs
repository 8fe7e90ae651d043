// Start-up benchmark: the median wall time of one `llm-cac run` on the default scenario,
// against `node -e 0` measured in the same run, alternating so that both see the same
// machine load. Prints both medians and their ratio; asserts nothing (see the README).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = Number(process.env.BENCH_RUNS ?? 30);
const root = fileURLToPath(new URL("..", import.meta.url));
const commands = {
  "node -e 0": [process.execPath, ["-e", "0"]],
  "llm-cac run default.yaml --format json": [
    process.execPath,
    ["bin/llm-cac.js", "run", "data/scenarios/default.yaml", "--format", "json"],
  ],
};

function timeOnce([file, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${file} ${args.join(" ")} exited ${result.status}`);
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const command of Object.values(commands)) timeOnce(command); // warm the file cache
for (let i = 0; i < runs; i++) {
  for (const [name, command] of Object.entries(commands)) samples[name].push(timeOnce(command));
}

const [baseline, cli] = Object.keys(commands).map((name) => median(samples[name]));
console.log(`start-up, median of ${runs} runs each (${process.version}, ${process.platform}-${process.arch})`);
for (const name of Object.keys(commands)) console.log(`  ${name.padEnd(42)} ${median(samples[name]).toFixed(1).padStart(7)} ms`);
console.log(`  ratio                                      ${(cli / baseline).toFixed(2).padStart(7)}x   (target <= 1.30x)`);
