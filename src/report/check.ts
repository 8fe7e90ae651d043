import type { InputProblem } from "../errors.js";
import type { ExpectationCheck, ExpectationFailure, ExpectOutcome } from "../scenario/expect.js";
import { isMetricPath, METRIC_KINDS } from "../result/metric-paths.js";
import { formatMetric } from "./metrics.js";
import type { JsonResult } from "../result/json-result.js";

/**
 * What `llm-cac check` found for one file: a valid scenario with its result and each
 * expectation checked, or an invalid one with its problems. Renderers turn a list of
 * these into text; they compute nothing.
 */
export type FileCheck =
  | { file: string; valid: true; result: JsonResult; outcome: ExpectOutcome }
  | { file: string; valid: false; errors: InputProblem[] };

export function filePassed(check: FileCheck): boolean {
  return check.valid && check.outcome.passed;
}

export interface CheckSummary {
  files: number;
  passed: number;
  failed: number;
  invalid: number;
  expectations: number;
  failedExpectations: number;
}

export function summarize(checks: readonly FileCheck[]): CheckSummary {
  const valid = checks.filter((check) => check.valid);
  return {
    files: checks.length,
    passed: valid.filter((check) => check.outcome.passed).length,
    failed: valid.filter((check) => !check.outcome.passed).length,
    invalid: checks.length - valid.length,
    expectations: valid.reduce((total, check) => total + check.outcome.checks.length, 0),
    failedExpectations: valid.reduce((total, check) => total + check.outcome.failures.length, 0),
  };
}

/** cli.md: 0 when every expectation held, 1 when one failed, 2 when a file is invalid (which wins). */
export function checkExitCode(checks: readonly FileCheck[]): 0 | 1 | 2 {
  if (checks.some((check) => !check.valid)) return 2;
  return checks.every(filePassed) ? 0 : 1;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** `3 files: 1 passed, 1 failed, 1 invalid; 7 expectations, 2 failed` */
export function summaryLine(summary: CheckSummary): string {
  const files = [`${summary.passed} passed`, `${summary.failed} failed`, ...(summary.invalid > 0 ? [`${summary.invalid} invalid`] : [])];
  return `${plural(summary.files, "file")}: ${files.join(", ")}; ${plural(summary.expectations, "expectation")}, ${summary.failedExpectations} failed`;
}

/** A stable name for an expectation, as a CI system lists it: `max unit.cac_blended`, `ladder holds`. */
export function expectationName(check: ExpectationCheck): string {
  if (check.kind === "ladder") return check.bound ? "ladder holds" : "ladder does not hold";
  return `${check.kind} ${check.metric}`;
}

/**
 * `metric value vs bound`, figures as the table shows them: `unit.cac_blended ¥12.50 vs max ¥10.00`.
 * Where rounding would print the two alike, both are shown in full.
 */
export function expectationText(check: ExpectationFailure, currency: string): string {
  if (check.kind === "ladder") return `ladder.holds ${String(check.value)} vs expected ${String(check.bound)}`;
  const kind = isMetricPath(check.metric) ? METRIC_KINDS[check.metric] : "count";
  let value = formatMetric(check.value, kind, currency);
  let bound = formatMetric(check.bound, kind, currency);
  if (value === bound && check.value !== check.bound) [value, bound] = [String(check.value), String(check.bound)];
  return `${check.metric} ${value} vs ${check.kind} ${bound}${check.reason === undefined ? "" : ` (${check.reason})`}`;
}
