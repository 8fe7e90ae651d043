// In-process evaluations per second of the model on the default scenario at four horizons:
// the fast path (src/model/fast/, through evaluateResult, its guard included, as every
// command calls it) against the direct evaluate() it is checked against,
// alternating so that both see the same machine load. Each evaluation gets a different
// retention curve (d30 moves a little), so the fast path's cached curve never helps it.
// Exports `engineFigures()`; run alone, prints them.
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const HORIZONS = [365, 730, 1825, 3650];

async function engineModule() {
  const outfile = join(mkdtempSync(join(tmpdir(), "llm-cac-bench-")), "engine.cjs");
  await build({
    stdin: {
      contents: [
        'export { evaluate } from "./src/model/evaluate.ts";',
        'export { evaluateResult } from "./src/model/fast/evaluate.ts";',
        'export { fastPathCovers } from "./src/model/fast/covers.ts";',
        'export { loadScenario } from "./src/scenario/load.ts";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    define: { __LLM_CAC_VERSION__: '"bench"' },
  });
  return createRequire(import.meta.url)(outfile);
}

/** Evaluations per second of `run(i)` over about `seconds`. */
function rate(run, seconds) {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const start = performance.now();
  do {
    for (let i = 0; i < 8; i++) run(count++);
  } while (performance.now() < deadline);
  return count / ((performance.now() - start) / 1000);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function engineFigures({ rounds = 5, seconds = 0.25 } = {}) {
  const engine = await engineModule();
  const file = join(root, "data/scenarios/default.yaml");
  const base = engine.loadScenario({ file, text: readFileSync(file, "utf8") }).input;
  const figures = [];
  for (const horizonDays of HORIZONS) {
    const inputs = Array.from({ length: 64 }, (_, i) => ({
      ...base,
      horizonDays,
      usage: { ...base.usage, lifetimeDays: horizonDays },
      retention: base.retention.map((point) => (point.day === 30 ? { ...point, rate: point.rate * (1 - i / 1000) } : point)),
    }));
    if (!engine.fastPathCovers(inputs[0])) throw new Error("the fast path does not cover the default scenario");
    // Warm up: let V8 compile both paths at this horizon before anything is timed.
    rate((i) => engine.evaluateResult(inputs[i % 64]), seconds);
    rate((i) => engine.evaluate(inputs[i % 64]), seconds / 4);
    const fast = [];
    const direct = [];
    for (let round = 0; round < rounds; round++) {
      fast.push(rate((i) => engine.evaluateResult(inputs[i % 64]), seconds));
      direct.push(rate((i) => engine.evaluate(inputs[i % 64]), seconds));
    }
    figures.push({ horizonDays, fast: median(fast), direct: median(direct) });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const { horizonDays, fast, direct } of await engineFigures()) {
    console.log(`H=${horizonDays}: fast ${fast.toFixed(0)}/s, direct ${direct.toFixed(0)}/s, ${(fast / direct).toFixed(1)}x`);
  }
}
