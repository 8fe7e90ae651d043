// Runs the CLI in `LLM_CAC_ROOT` (a bench snapshot) like bin/llm-cac.js does, and on exit
// writes this process's peak resident memory (KiB, worker threads included) to `BENCH_REPORT`.
"use strict";
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const report = process.env.BENCH_REPORT ?? "";
const root = process.env.LLM_CAC_ROOT ?? "";
if (report === "" || root === "") throw new Error("bench/measure.cjs needs BENCH_REPORT and LLM_CAC_ROOT");
process.on("exit", () => writeFileSync(report, String(process.resourceUsage().maxRSS)));
require(join(root, "dist", "launch.cjs")).main(process.argv.slice(2));
