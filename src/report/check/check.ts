import type { ExpectationCheck, ExpectationFailure } from "../../scenario/expect.js";
import { isMetricPath, METRIC_KINDS } from "../../result/metric-paths.js";
import { formatMetric } from "../shared/metric-cell.js";
import type { FileCheck } from "../../scenario/check.js";

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
  if (check.kind === "max_increase" || check.kind === "max_decrease") return changeText(check, currency);
  const kind = isMetricPath(check.metric) ? METRIC_KINDS[check.metric] : "count";
  let value = formatMetric(check.value, kind, currency);
  let bound = formatMetric(check.bound, kind, currency);
  if (value === bound && check.value !== check.bound) [value, bound] = [String(check.value), String(check.bound)];
  return `${check.metric} ${value} vs ${check.kind} ${bound}${check.reason === undefined ? "" : ` (${check.reason})`}`;
}

/**
 * A change rule as one line: `unit.cac_blended ¥11.50 vs baseline ¥10.00: +15.0 % (max_increase 10 %)`;
 * the change is in percent for a "10%" rule, in the metric's unit otherwise.
 */
function changeText(check: Extract<ExpectationFailure, { kind: "max_increase" | "max_decrease" }>, currency: string): string {
  const kind = isMetricPath(check.metric) ? METRIC_KINDS[check.metric] : "count";
  const figure = (value: number | null) => formatMetric(value, kind, currency);
  const change = check.change === null ? "n/a" : check.relative ? `${signed(check.change.toFixed(1))} %` : signed(figure(check.change));
  const limit = check.relative ? `${check.bound} %` : figure(check.bound);
  const reason = check.reason === undefined ? "" : `; ${check.reason}`;
  return `${check.metric} ${figure(check.value as number | null)} vs baseline ${figure(check.baseline)}: ${change} (${check.kind} ${limit}${reason})`;
}

/** A change with its sign: `+1.5`, `-¥2.00`. */
function signed(text: string): string {
  return text.startsWith("-") ? text : `+${text}`;
}
