// Throughput of the built CLI on the default scenario, each command a fresh process (so
// start-up is included, as a user sees it): a 100 x 100 sweep, `run --samples` with seven
// ranges at 10k and 100k samples and 10k at a 3,650-day horizon, each with its wall time,
// its peak memory, and the wall time of one plain `run --format json` measured in the same
// round as its baseline. Exports `throughputFigures()`; run alone, prints them.
//
// `node bench/throughput.mjs --against DIR` times each command alternately on this build
// and on another one (DIR: a snapshot of it, bench/snapshot.mjs, e.g. made in another
// worktree), round by round, so that both meet the same load: before/after figures.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { snapshot } from "./snapshot.mjs";

const measure = fileURLToPath(new URL("measure.cjs", import.meta.url));
const SCENARIO = "data/scenarios/default.yaml";
const SEVEN_RANGES = [
  "acquisition.daily_budget={ low: 150000, high: 250000 }",
  "acquisition.channels.bilibili.cpa={ low: 20, high: 40 }",
  "acquisition.channels.feed.cpm={ low: 10, high: 15 }",
  "retention.d1={ low: 0.2, high: 0.3 }",
  "retention.d30={ low: 0.04, high: 0.07 }",
  "usage.sessions_per_dau={ low: 1.5, high: 2 }",
  "inference.annual_price_change={ low: -0.95, high: -0.8 }",
].flatMap((text) => ["--set", text]);

export const THROUGHPUT_COMMANDS = [
  {
    name: "sweep 100 x 100",
    args: [
      "sweep",
      SCENARIO,
      "--vary",
      "acquisition.channels.bilibili.cpa=10..50/100",
      "--vary",
      "tokens.context=0..100000/100",
      "--format",
      "csv",
    ],
    targetSeconds: 0.5,
  },
  { name: "run --samples 10000 (7 ranges)", args: ["run", SCENARIO, ...SEVEN_RANGES, "--samples", "10000", "--format", "json"] },
  {
    name: "run --samples 100000 (7 ranges)",
    args: ["run", SCENARIO, ...SEVEN_RANGES, "--samples", "100000", "--format", "json"],
    targetSeconds: 2.2,
    targetMiB: 200,
  },
  {
    name: "run --samples 10000, H = 3,650",
    args: ["run", SCENARIO, ...SEVEN_RANGES, "--set", "horizon_days=3650", "--samples", "10000", "--format", "json"],
    targetSeconds: 2,
  },
];

const PLAIN = ["run", SCENARIO, "--format", "json"];

function timeOnce(args, root, extraArgs = []) {
  const report = join(mkdtempSync(join(tmpdir(), "llm-cac-rss-")), "rss");
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [measure, ...args, ...extraArgs], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LLM_CAC_ROOT: root, BENCH_REPORT: report },
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`llm-cac ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { ms, peakMiB: Number(readFileSync(report, "utf8")) / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Each command's median wall time and peak memory over `rounds`, each round also timing
 * a plain run; `extraArgs` are added to every command (e.g. `--jobs 1` for the one-core figure).
 */
export function throughputFigures({ rounds = Number(process.env.BENCH_ROUNDS ?? 3), root = snapshot(), extraArgs = [] } = {}) {
  return THROUGHPUT_COMMANDS.map((command) => {
    const runs = [];
    const plain = [];
    for (let round = 0; round < rounds; round++) {
      plain.push(timeOnce(PLAIN, root).ms);
      runs.push(timeOnce(command.args, root, extraArgs));
    }
    return {
      name: command.name,
      ms: median(runs.map((run) => run.ms)),
      peakMiB: Math.max(...runs.map((run) => run.peakMiB)),
      baselineMs: median(plain),
      targetSeconds: command.targetSeconds,
      targetMiB: command.targetMiB,
    };
  });
}

/** Each command's median wall time and peak memory on `root` and on `other`, timed alternately in each round. */
export function pairedFigures({ other, rounds = Number(process.env.BENCH_ROUNDS ?? 3), root = snapshot() }) {
  return THROUGHPUT_COMMANDS.map((command) => {
    /** @type {{ ms: number, peakMiB: number }[]} */
    const these = [];
    /** @type {{ ms: number, peakMiB: number }[]} */
    const those = [];
    for (let round = 0; round < rounds; round++) {
      these.push(timeOnce(command.args, root));
      those.push(timeOnce(command.args, other));
    }
    const summary = (/** @type {{ ms: number, peakMiB: number }[]} */ runs) => ({
      ms: median(runs.map((run) => run.ms)),
      peakMiB: Math.max(...runs.map((run) => run.peakMiB)),
    });
    return { name: command.name, build: summary(these), other: summary(those) };
  });
}

const against = process.argv.indexOf("--against");
if (import.meta.url === pathToFileURL(process.argv[1]).href && against > 0) {
  for (const figure of pairedFigures({ other: process.argv[against + 1] })) {
    const { build, other } = figure;
    console.log(
      `${figure.name.padEnd(34)} ${(build.ms / 1000).toFixed(2)} s, ${build.peakMiB.toFixed(0)} MiB; the other build ${(other.ms / 1000).toFixed(2)} s, ${other.peakMiB.toFixed(0)} MiB (x${(build.ms / other.ms).toFixed(2)})`,
    );
  }
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const figure of throughputFigures({ rounds: 1 })) {
    console.log(
      `${figure.name.padEnd(34)} ${(figure.ms / 1000).toFixed(2)} s, ${figure.peakMiB.toFixed(0)} MiB; a plain run ${figure.baselineMs.toFixed(0)} ms`,
    );
  }
}
