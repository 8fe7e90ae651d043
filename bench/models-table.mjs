// `llm-cac models` over a large LiteLLM price map: the wall time of the table for
// BENCH_MODELS models (default 50,000; a comma list for several sizes). LiteLLM's own map
// has about 2,500 entries; the sizes here are far past it, to show the table grows
// linearly (issue 13: 10k models took 14 s and 50k 497 s when each row cost a pass over
// all the others). Asserts nothing; prints one line per size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const sizes = (process.env.BENCH_MODELS ?? "50000").split(",").map(Number);
const folder = mkdtempSync(join(tmpdir(), "llm-cac-bench-"));

function priceMap(count) {
  const map = {};
  for (let i = 0; i < count; i++) {
    map[`bench-model-${i}`] = {
      mode: "chat",
      litellm_provider: `provider-${i % 50}`,
      input_cost_per_token: (1 + (i % 97)) * 1e-7,
      output_cost_per_token: (2 + (i % 89)) * 1e-7,
    };
  }
  return JSON.stringify(map);
}

for (const size of sizes) {
  const file = join(folder, `map-${size}.json`);
  writeFileSync(file, priceMap(size));
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["bin/llm-cac.js", "models", "--prices", file], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const outcome = result.status === 0 ? "ok" : `exit ${result.status}: ${result.stderr.split("\n")[0]}`;
  console.log(`models --prices (${size.toLocaleString("en-US")} models): ${seconds.toFixed(2)} s, ${outcome}`);
}
