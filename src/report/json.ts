import type { JsonResult } from "../result/json-result.js";

/** One object for one scenario, an array for several; two-space indent, a final newline. */
export function renderJson(results: readonly JsonResult[]): string {
  return `${JSON.stringify(results.length === 1 ? results[0] : results, finiteOrNull, 2)}\n`;
}

/** The model never yields NaN or Infinity; should one slip through, JSON gets null, as promised, not a string. */
export function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
