import type { JsonResult } from "../../result/json-result.js";
import { jsonText } from "../shared/json.js";

/** One object for one scenario, an array for several; two-space indent, a final newline. */
export function renderJson(results: readonly JsonResult[]): string {
  return jsonText(results.length === 1 ? results[0] : results);
}
