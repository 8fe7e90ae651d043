import { resolve } from "node:path";
import { readRegularFile } from "../lib/read.js";
import { parseBaseline } from "../result/baseline.js";
import type { JsonResult } from "../result/json-result.js";
import type { CliIo } from "./io.js";

/** A results file is a baseline in JSON (`run --format json -o base.json`) where a scenario would be YAML. */
export function isSavedResult(path: string): boolean {
  return /\.json$/i.test(path);
}

/** Results are larger than a scenario (a timeline of 3,650 days), yet far below this. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** The results saved in `path`, relative to the working folder; every failure a UserError naming the file. */
export function readBaseline(path: string, io: CliIo): JsonResult[] {
  const { bytes } = readRegularFile(resolve(io.cwd, path), { name: path, maxBytes: MAX_BASELINE_BYTES, kind: "baseline" });
  return parseBaseline(bytes.toString("utf8"), path);
}
