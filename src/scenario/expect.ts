import { isMetricPath, METRIC_KINDS, METRIC_PATHS } from "../report/metric-paths.js";
import { type JsonResult, valueAt } from "../report/result.js";
import type { FieldProblem } from "./issues.js";
import { MoneyAmount } from "./money.js";
import type { ParsedScenario, ScenarioData } from "./schema.js";
import { closest } from "./suggest.js";

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
 * The metrics nearest a mistyped path: by the whole path, and by its last part alone,
 * so that `cac_blended` or `totals.cac_blended` still finds `unit.cac_blended`.
 */
function nearestMetrics(metric: string): string[] {
  const leaf = metric.split(".").at(-1)!;
  const byLeaf = closest(leaf, METRIC_PATHS.map((path) => path.split(".").at(-1)!)).flatMap((name) =>
    METRIC_PATHS.filter((path) => path.endsWith(`.${name}`)),
  );
  return [...new Set([...closest(metric, METRIC_PATHS), ...byLeaf])].slice(0, 3);
}

/** One expectation of a scenario: a bound on a metric, or the ladder verdict. */
export type Expectation =
  | { metric: string; bound: BoundKind; limit: number }
  | { metric: "ladder.holds"; bound: "ladder"; limit: boolean };

/** An expectation as checked: the value found, whether it held and, where that is not obvious, why not. */
export type ExpectationCheck = Expectation & { value: number | boolean | null; passed: boolean; reason?: string };

/** The failed checks as the JSON result reports them: `{ metric, bound, limit, value, reason? }`. */
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
  if (expect.ladder !== undefined) list.push({ metric: "ladder.holds", bound: "ladder", limit: expect.ladder });
  for (const bound of BOUND_KINDS) {
    for (const [metric, limit] of Object.entries(expect[bound] ?? {})) list.push({ metric, bound, limit });
  }
  return list;
}

/** Why a bound on a null figure fails: there is nothing to compare, and silence would read as a pass. */
export const NULL_REASON = "no value: its denominator is zero or its milestone is not reached in time, so no bound can hold";

/** Tests each expectation against a result: `max` and `min` are inclusive; a bound on a null figure fails. */
export function evaluateExpectations(expect: ScenarioData["expect"], result: JsonResult): ExpectOutcome {
  const checks = expectationsOf(expect).map((expectation): ExpectationCheck => {
    if (expectation.bound === "ladder") {
      const value = result.ladder.holds;
      return { ...expectation, value, passed: value === expectation.limit };
    }
    const found = valueAt(result, expectation.metric);
    // What JSON shows as null fails: null itself, and (should the model ever yield one) NaN or Infinity.
    if (typeof found !== "number" || !Number.isFinite(found)) return { ...expectation, value: null, passed: false, reason: NULL_REASON };
    const passed = expectation.bound === "max" ? found <= expectation.limit : found >= expectation.limit;
    return { ...expectation, value: found, passed };
  });
  const failures = checks.filter((check) => !check.passed).map(({ passed: _passed, ...failure }) => failure);
  return { passed: failures.length === 0, checks, failures };
}
