import type { JsonResult } from "../result/json-result.js";
import { isMetricPath, METRIC_KINDS, METRIC_PATHS, nearestMetrics } from "../result/metric-paths.js";
import { valueAt } from "../value-at.js";
import type { FieldProblem } from "./issues.js";
import { MoneyAmount } from "./money.js";
import type { ParsedScenario, ScenarioData } from "./schema.js";

/**
 * The `expect` block (model.md): `ladder: true|false` and `max:` / `min:` maps from metric
 * paths of the JSON result to bounds. Validation runs while the scenario loads; the
 * evaluation against a result is pure and takes the result as an argument.
 */

export type BoundKind = "max" | "min";
const BOUND_KINDS: readonly BoundKind[] = ["max", "min"];

/** Problems with the metric paths and bounds of an `expect` block as parsed (money not yet converted). */
export function expectProblems(expect: ParsedScenario["expect"]): FieldProblem[] {
  if (expect === undefined) return [];
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
  if (near.length > 0) return { message: `unknown metric "${metric}"`, hint: `did you mean ${near.map((name) => `"${name}"`).join(" or ")}?` };
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
  | { metric: "ladder.holds"; kind: "ladder"; bound: boolean };

/** An expectation as checked: the value found, whether it held and, where that is not obvious, why not. */
export type ExpectationCheck = Expectation & { value: number | boolean | null; passed: boolean; reason?: string };

/**
 * The failed checks as the JSON of `check` reports them (docs/ci.md), keys in this order:
 * `{ metric, kind, bound, value, reason? }`.
 */
export type ExpectationFailure = Omit<ExpectationCheck, "passed">;

export interface ExpectOutcome {
  passed: boolean;
  /** Every expectation in the order written: the ladder first, then `max`, then `min`. */
  checks: ExpectationCheck[];
  failures: ExpectationFailure[];
}

/** The expectations of a valid scenario's `expect` block (bounds already in the scenario currency). */
export function expectationsOf(expect: ScenarioData["expect"]): Expectation[] {
  if (expect === undefined) return [];
  const list: Expectation[] = [];
  if (expect.ladder !== undefined) list.push({ metric: "ladder.holds", kind: "ladder", bound: expect.ladder });
  for (const kind of BOUND_KINDS) {
    for (const [metric, bound] of Object.entries(expect[kind] ?? {})) list.push({ metric, kind, bound });
  }
  return list;
}

/** Why a bound on a null figure fails: there is nothing to compare, and silence would read as a pass. */
export const NULL_REASON = "no value: its denominator is zero or its milestone is not reached in time, so no bound can hold";

/** Tests each expectation against a result: `max` and `min` are inclusive; a bound on a null figure fails. */
export function evaluateExpectations(expect: ScenarioData["expect"], result: JsonResult): ExpectOutcome {
  const checks = expectationsOf(expect).map((expectation): ExpectationCheck => {
    if (expectation.kind === "ladder") {
      const value = result.ladder.holds;
      return { ...expectation, value, passed: value === expectation.bound };
    }
    const found = valueAt(result, expectation.metric);
    // What JSON shows as null fails: null itself, and (should the model ever yield one) NaN or Infinity.
    if (typeof found !== "number" || !Number.isFinite(found)) return { ...expectation, value: null, passed: false, reason: NULL_REASON };
    const passed = expectation.kind === "max" ? found <= expectation.bound : found >= expectation.bound;
    return { ...expectation, value: found, passed };
  });
  const failures = checks.filter((check) => !check.passed).map(({ passed: _passed, ...failure }) => failure);
  return { passed: failures.length === 0, checks, failures };
}
