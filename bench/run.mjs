// `npm run bench`: every figure of issue 11 beside its baseline measured in the same run,
// printed as a table and written to bench/results.json. Ratios are the figures to quote:
// absolute times depend on the machine and on whatever else it is running.
import { cpus, loadavg } from "node:os";
import { writeFileSync } from "node:fs";
import { engineFigures } from "./engine.mjs";
import { snapshot } from "./snapshot.mjs";
import { startupFigures } from "./startup.mjs";
import { throughputFigures } from "./throughput.mjs";

const root = snapshot();
const loadBefore = loadavg()[0];
const engine = await engineFigures();
const throughput = throughputFigures({ root });
const startup = startupFigures(undefined, root);

const rows = [
  ...engine.map((f) => [
    `evaluations/s, H = ${f.horizonDays}`,
    `${f.fast.toFixed(0)}/s fast`,
    `${f.direct.toFixed(0)}/s direct`,
    `${(f.fast / f.direct).toFixed(1)}x`,
  ]),
  ...throughput.map((f) => [
    f.name,
    `${(f.ms / 1000).toFixed(2)} s, ${f.peakMiB.toFixed(0)} MiB`,
    `${f.baselineMs.toFixed(0)} ms plain run`,
    `${(f.ms / f.baselineMs).toFixed(1)}x a plain run`,
  ]),
  ...startup.map((f) => [
    `start-up: ${f.name}`,
    `${f.ms.toFixed(1)} ms`,
    `${f.baselineMs.toFixed(1)} ms node -e 0`,
    `${f.ratio.toFixed(2)}x (target ${f.target}x)`,
  ]),
];
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 8));
console.log(
  `llm-cac bench, ${process.version} ${process.platform}-${process.arch}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
);
console.log(["figure", "measured", "baseline (same run)", "ratio"].map((head, i) => head.padEnd(widths[i])).join("  "));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  "));

writeFileSync(
  new URL("results.json", import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, platform: `${process.platform}-${process.arch}`, cores: cpus().length, load_average: [loadBefore, loadavg()[0]], engine, throughput, startup }, null, 2)}\n`,
);
