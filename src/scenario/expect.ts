import type { JsonResult } from "../result/json-result.js";
import { isMetricPath, METRIC_KINDS, METRIC_PATHS, nearestMetrics } from "../result/metric-paths.js";
import { valueAt } from "../lib/value-at.js";
import { isRecord } from "../lib/record.js";
import type { FieldProblem } from "../lib/issues.js";
import { MoneyAmount } from "../lib/money.js";
import type { ParsedScenario, ScenarioData } from "./schema.js";

/**
 * The `expect` block (model.md): `ladder: true|false` and `max:` / `min:` maps from metric
 * paths of the JSON result to bounds. Validation runs while the scenario loads; the
 * evaluation against a result is pure and takes the result as an argument.
 */

export type BoundKind = "max" | "min";
const BOUND_KINDS: readonly BoundKind[] = ["max", "min"];
/** Rules on the change against a baseline result (`check --baseline`). */
export type ChangeKind = "max_increase" | "max_decrease";
const CHANGE_KINDS: readonly ChangeKind[] = ["max_increase", "max_decrease"];

/** Problems with the metric paths and bounds of an `expect` block as parsed (money not yet converted). */
export function expectProblems(expect: ParsedScenario["expect"]): FieldProblem[] {
  if (expect === undefined) return [];
  const changeProblems = CHANGE_KINDS.flatMap((kind) =>
    Object.keys(expect[kind] ?? {}).flatMap((metric): FieldProblem[] =>
      isMetricPath(metric) ? [] : [{ path: ["expect", kind, metric], atKey: true, ...unknownMetric(metric) }],
    ),
  );
  return [...changeProblems, ...boundProblems(expect)];
}

/**
 * The unknown metrics of an `expect` block that the schema rejected (a bound of the wrong
 * type): its keys are still checked, so that a file's problems come all at once.
 */
export function expectKeyProblems(expect: unknown): FieldProblem[] {
  if (!isRecord(expect)) return [];
  return [...BOUND_KINDS, ...CHANGE_KINDS].flatMap((kind) => {
    const rules = expect[kind];
    if (!isRecord(rules)) return [];
    return Object.keys(rules)
      .filter((metric) => !isMetricPath(metric))
      .map((metric): FieldProblem => ({ path: ["expect", kind, metric], atKey: true, ...unknownMetric(metric) }));
  });
}

function boundProblems(expect: NonNullable<ParsedScenario["expect"]>): FieldProblem[] {
  return BOUND_KINDS.flatMap((kind) =>
    Object.entries(expect[kind] ?? {}).flatMap(([metric, bound]): FieldProblem[] => {
      const path = ["expect", kind, metric];
      if (!isMetricPath(metric)) return [{ path, atKey: true, ...unknownMetric(metric) }];
      if (bound instanceof MoneyAmount && METRIC_KINDS[metric] !== "money") {
        return [{ path, message: `${metric} is ${KIND_NOUN[METRIC_KINDS[metric]]}, not money: give the bound as a plain number` }];
      }
      return [];
    }),
  );
}

const KIND_NOUN = { money: "money", count: "a count", day: "a day number", times: "a ratio" } as const;

function unknownMetric(metric: string): { message: string; hint: string } {
  if (metric === "ladder.holds") {
    return { message: "ladder.holds is true or false, not a number to bound", hint: "use `ladder: true` (or false) in expect" };
  }
  const near = nearestMetrics(metric);
  if (near.length > 0)
    return { message: `unknown metric "${metric}"`, hint: `did you mean ${near.map((name) => `"${name}"`).join(" or ")}?` };
  const section = metric.split(".")[0]!;
  const inSection = METRIC_PATHS.filter((path) => path.startsWith(`${section}.`));
  if (inSection.length > 0) return { message: `unknown metric "${metric}"`, hint: `metrics under ${section}: ${inSection.join(", ")}` };
  return {
    message: `unknown metric "${metric}"`,
    hint: "a metric is a dotted path of a figure in `llm-cac run --format json` under totals, unit, ladder or milestones, e.g. unit.cac_blended",
  };
}

/**
 * One expectation of a scenario, by `kind`: a `max` or `min` bound on a metric (`bound`
 * is the threshold), or the `ladder` verdict (`bound` is the verdict expected).
 */
export type Expectation =
  | { metric: string; kind: BoundKind; bound: number }
  | { metric: "ladder.holds"; kind: "ladder"; bound: boolean }
  | ChangeExpectation;

/**
 * A limit on the change against the baseline's value: `bound` percent of the baseline's
 * magnitude when `relative` ("10%" is 10), else in the metric's own unit.
 */
export interface ChangeExpectation {
  metric: string;
  kind: ChangeKind;
  bound: number;
  relative: boolean;
}

/** What a change rule found: the baseline's value and the change (in percent when relative); null where either figure is n/a. */
export interface ChangeFound {
  baseline: number | null;
  change: number | null;
}

/** An expectation as checked: the value found, whether it held and, where that is not obvious, why not. */
export type ExpectationCheck = (Exclude<Expectation, ChangeExpectation> | (ChangeExpectation & ChangeFound)) & {
  value: number | boolean | null;
  passed: boolean;
  reason?: string;
};

/**
 * The failed checks as the JSON of `check` reports them (docs/ci.md), keys in this order:
 * `{ metric, kind, bound, value, reason? }`.
 */
export type ExpectationFailure = ExpectationCheck extends infer Check ? (Check extends unknown ? Omit<Check, "passed"> : never) : never;

export interface ExpectOutcome {
  passed: boolean;
  /** Every expectation in the order written: the ladder first, then `max`, then `min`. */
  checks: ExpectationCheck[];
  failures: ExpectationFailure[];
}

/**
 * The expectations of a valid scenario's `expect` block (bounds already in the scenario
 * currency); the change rules only `withChanges` (there is a baseline to change from).
 */
function expectationsOf(expect: ScenarioData["expect"], withChanges = false): Expectation[] {
  if (expect === undefined) return [];
  const list: Expectation[] = [];
  if (expect.ladder !== undefined) list.push({ metric: "ladder.holds", kind: "ladder", bound: expect.ladder });
  for (const kind of BOUND_KINDS) {
    for (const [metric, bound] of Object.entries(expect[kind] ?? {})) list.push({ metric, kind, bound });
  }
  if (!withChanges) return list;
  for (const kind of CHANGE_KINDS) {
    for (const [metric, limit] of Object.entries(expect[kind] ?? {})) {
      list.push(
        typeof limit === "number"
          ? { metric, kind, bound: limit, relative: false }
          : { metric, kind, bound: limit.percent, relative: true },
      );
    }
  }
  return list;
}

/** Why a change rule fails without a baseline result for the scenario. */
export const NO_BASELINE_REASON = "no baseline result for this scenario (the baseline file has none of its file or name)";

/**
 * How far past a bound a figure may be and still meet it, relative to the larger of the
 * two: figures are sums of doubles, so a bound of ¥12 met exactly on paper can come out
 * as 11.999999999999963 or 12.000000000000037. A billionth is far below any difference
 * a report shows, and far above the rounding of a few hundred additions.
 */
export const BOUND_TOLERANCE = 1e-9;

/** `value <= bound` for max, `value >= bound` for min, within BOUND_TOLERANCE. */
export function withinBound(value: number, bound: number, kind: BoundKind): boolean {
  const slack = BOUND_TOLERANCE * Math.max(Math.abs(value), Math.abs(bound));
  return kind === "max" ? value <= bound + slack : value >= bound - slack;
}

/** Why a bound on a null figure fails: there is nothing to compare, and silence would read as a pass. */
export const NULL_REASON = "no value: its denominator is zero or its milestone is not reached in time, so no bound can hold";

/**
 * Tests each expectation against a result: `max` and `min` are inclusive; a bound on a
 * null figure fails. `baseline` (check --baseline) adds the change rules: undefined, there
 * is no baseline and they are not tested; null, the baseline lacks this scenario and they fail.
 */
export function evaluateExpectations(expect: ScenarioData["expect"], result: JsonResult, baseline?: JsonResult | null): ExpectOutcome {
  const checks = expectationsOf(expect, baseline !== undefined).map((expectation): ExpectationCheck => {
    if (isChange(expectation)) return checkChange(expectation, result, baseline ?? null);
    if (expectation.kind === "ladder") {
      const value = result.ladder.holds;
      return { ...expectation, value, passed: value === expectation.bound };
    }
    const found = valueAt(result, expectation.metric);
    // What JSON shows as null fails: null itself, and (should the model ever yield one) NaN or Infinity.
    if (typeof found !== "number" || !Number.isFinite(found)) return { ...expectation, value: null, passed: false, reason: NULL_REASON };
    const passed = withinBound(found, expectation.bound, expectation.kind);
    return { ...expectation, value: found, passed };
  });
  const failures = checks.filter((check) => !check.passed).map(({ passed: _passed, ...failure }) => failure);
  return { passed: failures.length === 0, checks, failures };
}

function isChange(expectation: Expectation): expectation is ChangeExpectation {
  return (CHANGE_KINDS as readonly string[]).includes(expectation.kind);
}

/** A change rule against the baseline: the rise (max_increase) or fall (max_decrease) may be at most `bound`, inclusive. */
export function checkChange(expectation: ChangeExpectation, result: JsonResult, baseline: JsonResult | null): ExpectationCheck {
  const value = finiteOrNull(valueAt(result, expectation.metric));
  if (baseline === null) return { ...expectation, value, baseline: null, change: null, passed: false, reason: NO_BASELINE_REASON };
  const before = finiteOrNull(valueAt(baseline, expectation.metric));
  const [baseCurrency, currency] = [baseline.scenario?.currency, result.scenario?.currency];
  if (baseCurrency !== undefined && currency !== undefined && baseCurrency !== currency) {
    // Money in two currencies has no change to measure; a fall could pass a rise through.
    return {
      ...expectation,
      value,
      baseline: before,
      change: null,
      passed: false,
      reason: `the baseline is in ${baseCurrency}, this scenario in ${currency}: save a baseline in ${currency}`,
    };
  }
  if (value === null || before === null)
    return { ...expectation, value, baseline: before, change: null, passed: false, reason: NULL_REASON };
  const absolute = value - before;
  if (expectation.relative && before === 0) {
    // A percentage of zero is zero: only no change at all is within it.
    return {
      ...expectation,
      value,
      baseline: before,
      change: null,
      passed: absolute === 0,
      ...(absolute === 0 ? {} : { reason: "the baseline is 0, so any change is an infinite percentage" }),
    };
  }
  const change = expectation.relative ? (absolute / Math.abs(before)) * 100 : absolute;
  const moved = expectation.kind === "max_increase" ? change : -change;
  const passed = moved <= expectation.bound;
  // A baseline within a few doubles of 0 (or figures near the largest double) overflow the
  // change: judged as it stands (an infinite rise is no fall), reported as no number.
  if (!Number.isFinite(change)) {
    const reason = expectation.relative
      ? "the baseline is so near 0 that the change is an infinite percentage"
      : "the change is beyond the largest number";
    return { ...expectation, value, baseline: before, change: null, passed, ...(passed ? {} : { reason }) };
  }
  return { ...expectation, value, baseline: before, change, passed };
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
