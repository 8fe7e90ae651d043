import { UserError } from "../lib/errors.js";
import { type ExchangeRates, parseMoney } from "../lib/money.js";
import type { NumberLeaf } from "../lib/schema-plan.js";
import { amountIn, formatShort, parseAmount, plainNumber } from "./amount.js";
import { checkMetric, LADDER_HOLDS, metricKind, metricValue, WHATIF_METRICS } from "./metrics.js";
import type { Measurement, SolveRule } from "./solve.js";

/**
 * What `solve` is asked, from its options: the target of `--target METRIC=VALUE`, the rule
 * that says when the metric hits it, and the range to search (`--range lo..hi`, or a
 * default around the current value). Pure: the command passes the scenario's currency,
 * exchange rates and current value.
 */

/** A value the metric should hit (true/false for ladder.holds), or another metric it should equal. */
export type SolveTarget = { value: number | boolean } | { metric: string };

/** Where to search, and where that came from (`--range`, or how the default was made). */
export interface SolveRange {
  low: number;
  high: number;
  from: string;
}

/** `METRIC=VALUE` split at the first `=`, the metric checked. */
export function splitTarget(text: string): { metric: string; targetText: string } {
  const equals = text.indexOf("=");
  if (equals <= 0 || equals === text.length - 1) {
    throw new UserError(
      `--target ${text}: expected METRIC=VALUE, e.g. --target unit.ltv_to_cac=3 or --target ladder.inference=ladder.training`,
    );
  }
  return { metric: checkMetric(text.slice(0, equals), `--target ${text}`), targetText: text.slice(equals + 1).trim() };
}

/** The target: true/false for ladder.holds, another metric, a number, or money converted to the scenario's currency. */
export function parseTarget(metric: string, text: string, currency: string, fx: ExchangeRates): SolveTarget {
  const label = `--target ${metric}=${text}`;
  if (metric === LADDER_HOLDS) {
    if (text === "true" || text === "false") return { value: text === "true" };
    throw new UserError(`${label}: ladder.holds is true or false`);
  }
  if (WHATIF_METRICS.includes(text)) {
    if (text === LADDER_HOLDS) throw new UserError(`${label}: a number cannot equal ladder.holds, which is true or false`);
    return { metric: text };
  }
  const number = plainNumber(text, label);
  if (number !== undefined) return { value: number };
  const money = parseMoney(text);
  if (money.ok) {
    if (metricKind(metric) !== "money") throw new UserError(`${label}: ${metric} is not money; give a plain number`);
    return { value: amountIn({ value: money.money.amount, currency: money.money.currency }, currency, fx, label) };
  }
  // Neither a number nor money: most likely a mistyped metric.
  return { metric: checkMetric(text, label) };
}

/** ladder.holds is a verdict (`is`); a day metric hits a target day on or before it (`at-most`); the rest equal it. */
export function solveRule(metric: string, target: SolveTarget): SolveRule {
  if (metric === LADDER_HOLDS) return "is";
  return "metric" in target || metricKind(metric) !== "day" ? "equal" : "at-most";
}

/** The metric and its target in a valid result (a target metric is read from the same result). */
export function measureTarget(result: unknown, metric: string, target: SolveTarget): Measurement {
  return {
    valid: true,
    metric: metricValue(result, metric),
    target: "metric" in target ? metricValue(result, target.metric) : target.value,
  };
}

/** `--range lo..hi`: numbers or money (converted to the scenario's currency), lo below hi. */
export function parseRange(text: string, currency: string, fx: ExchangeRates): SolveRange {
  const label = `--range ${text}`;
  const match = /^(.+?)\.\.(.+)$/s.exec(text.trim());
  if (match === null) throw new UserError(`${label}: expected lo..hi, e.g. --range 1..100`);
  const [low, high] = [match[1]!, match[2]!].map((bound) => amountIn(parseAmount(bound, label), currency, fx, label)) as [number, number];
  if (!(low < high)) throw new UserError(`${label}: lo must be below hi`);
  return { low, high, from: "--range" };
}

/**
 * Without --range: from a hundredth to a hundred times the current value, within what
 * the schema allows; around zero, a negative or a missing value, the schema's own bounds
 * where it has both; else --range is required.
 */
export function defaultRange(current: number | null, leaf: NumberLeaf, path: string): SolveRange {
  const floor = leaf.min === undefined ? Number.NEGATIVE_INFINITY : leaf.min.inclusive ? leaf.min.value : nudge(leaf.min.value, 1, leaf);
  const ceiling = leaf.max === undefined ? Number.POSITIVE_INFINITY : leaf.max.inclusive ? leaf.max.value : nudge(leaf.max.value, -1, leaf);
  if (current !== null && current > 0) {
    const low = Math.max(current / 100, floor);
    const high = Math.min(current * 100, ceiling);
    if (low < high)
      return {
        low,
        high,
        from: `default: the current value ${formatShort(current)} / 100 .. x 100${low !== current / 100 || high !== current * 100 ? ", within the allowed values" : ""}`,
      };
  }
  if (Number.isFinite(floor) && Number.isFinite(ceiling) && ceiling - floor <= 1e6)
    return { low: floor, high: ceiling, from: "default: every value the scenario format allows" };
  const now = current === null ? "has no value in the file" : `is ${current}`;
  throw new UserError(`--for ${path}: ${now}, so there is no default range around it; give --range lo..hi`);
}

/** Just inside an exclusive bound: the next whole number, or a billionth of the bound further in. */
function nudge(bound: number, direction: number, leaf: NumberLeaf): number {
  if (leaf.integer) return bound + direction;
  return bound + direction * Math.max(Math.abs(bound), 1) * 1e-9;
}
