// Throughput benchmark: the 10,000-point sweep and a 10,000-sample uncertainty run on the
// default scenario, against one plain run measured in the same process, so the figures
// read as "points per plain run". Peak memory is the process's maximum resident set.
// Prints the figures; asserts nothing (see the README).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { loadBundle } = createRequire(import.meta.url)("../dist/launch.cjs");
const { cli } = loadBundle();
const scenario = `${root}data/scenarios/default.yaml`;
const io = {
  stdout: () => {},
  stderr: (text) => process.stderr.write(text),
  readStdin: () => new Uint8Array(),
  env: {},
  stdoutIsTTY: false,
  columns: 100,
  cwd: root,
  today: new Date().toISOString().slice(0, 10),
};

async function timed(argv) {
  const start = process.hrtime.bigint();
  const code = await cli.runCli(argv, io);
  if (code !== 0) throw new Error(`llm-cac ${argv.join(" ")} exited ${code}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const peakMiB = () => process.resourceUsage().maxRSS / 1024;

const baselineRuns = [];
for (let i = 0; i < 30; i++) baselineRuns.push(await timed(["run", scenario, "--format", "json"]));
const baseline = median(baselineRuns);
const baselinePeak = peakMiB();

const sweep = await timed([
  "sweep", scenario,
  "--vary", "acquisition.channels.bilibili.cpa=10..50/100",
  "--vary", "tokens.context=0..100000/100",
  "--format", "csv",
]);
const sweepPeak = peakMiB();
const samples = await timed([
  "run", scenario,
  "--set", "acquisition.channels.bilibili.cpa={ low: 20, high: 40 }",
  "--set", "retention.d30={ low: 0.03, high: 0.08 }",
  "--samples", "10000", "--format", "json",
]);
const samplesPeak = peakMiB();

const row = (name, ms, points) =>
  `  ${name.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / points).toFixed(3).padStart(7)} ms/point  ${(ms / points / baseline).toFixed(2).padStart(5)}x a plain run`;
console.log(`throughput, in one process (${process.version}, ${process.platform}-${process.arch})`);
console.log(`  ${"plain run (median of 30, warm)".padEnd(36)} ${baseline.toFixed(2).padStart(7)} ms`);
console.log(row("sweep, 100 x 100 = 10,000 points", sweep, 10_000));
console.log(row("run --samples 10000 (2 ranges)", samples, 10_000));
console.log(`  peak memory: ${baselinePeak.toFixed(0)} MiB after the plain runs, ${sweepPeak.toFixed(0)} MiB after the sweep, ${samplesPeak.toFixed(0)} MiB after the samples`);
