import { formatProblem, problemsOf, UserError } from "../lib/errors.js";
import { scenarioNumberLeafAt } from "../scenario/parse.js";
import { valueAt } from "../lib/value-at.js";
import type { JsonResult, ScenarioHeader } from "../result/json-result.js";
import { scenarioHeader } from "../scenario/evaluate.js";
import type { Scenario } from "../scenario/load.js";
import { parsePath } from "../scenario/overrides.js";
import type { MetricValue } from "./metrics.js";
import { type Measurement, measurementValues, type Observed, observe, type Solution, type SolveRule, solve } from "./solve.js";
import {
  defaultRange,
  measureTarget,
  parseRange,
  parseTarget,
  type SolveRange,
  type SolveTarget,
  solveRule,
  splitTarget,
} from "./solve-input.js";
import { breaksShareSum, type ShareGroup, shareGroup } from "./shares.js";
import type { ScenarioVariants } from "./variants.js";

/** What `solve` found: the data of its report. */
export interface SolveReport {
  scenario: ScenarioHeader;
  /** The input solved for, as typed. */
  input: string;
  metric: string;
  /** A value, or another metric the metric should equal. */
  target: SolveTarget;
  rule: SolveRule;
  range: SolveRange;
  /** The input takes whole numbers only. */
  integer: boolean;
  current: { value: number | null; metric: MetricValue; target: MetricValue };
  solutions: Solution[];
  evaluations: number;
  /** The scan: how many values it tried, the metric's span there, how many hit. */
  observed: Observed;
  invalid: { count: number; first?: string };
  /**
   * The shares that sum to 1 with the input, where it is one of them and every value the
   * search found invalid broke that sum: the input cannot move alone (shares.ts).
   */
  shares?: ShareGroup;
}

/** What `solve` was asked, as typed: `--for PATH --target METRIC=VALUE [--range lo..hi]`. */
export interface SolveRequest {
  for: string;
  target: string;
  range?: string;
}

/** A request checked before any file is read. */
export interface SolvePlan {
  request: SolveRequest;
  segments: string[];
  metric: string;
  targetText: string;
}

export function planSolve(request: SolveRequest): SolvePlan {
  const segments = parsePath(request.for, `--for ${request.for}`);
  const { metric, targetText } = splitTarget(request.target);
  return { request, segments, metric, targetText };
}

/** The value of the input at which the metric hits the target, by bracketing and bisection (see solve.ts for what "hits" means). */
export function solveReport(
  variants: ScenarioVariants,
  plan: SolvePlan,
  evaluate: (scenario: Scenario) => JsonResult,
  progress?: (done: number, total: number) => void,
): SolveReport {
  const { request, metric } = plan;
  const input = variants.settableInput({ segments: plan.segments, value: null, label: `--for ${request.for}` });
  const leaf = scenarioNumberLeafAt(input.path);
  if (leaf === undefined)
    throw new UserError(`--for ${request.for}: not a numeric input; solve varies a number (a count, a price, a rate)`);
  const data = variants.base.data;
  const target = parseTarget(metric, plan.targetText, data.currency, data.fx ?? {});
  const rule = solveRule(metric, target);
  const currentValue = valueAt(data, input.path);
  const current = typeof currentValue === "number" ? currentValue : null;
  const range =
    request.range === undefined ? defaultRange(current, leaf, request.for) : parseRange(request.range, data.currency, data.fx ?? {});
  const measure = (result: unknown) => measureTarget(result, metric, target);
  let firstInvalid: string | undefined;
  const shares = shareGroup(data, input.path);
  let everyInvalidBreaksShares = shares !== undefined;
  const evaluateAt = (x: number): Measurement => {
    try {
      return measure(evaluate(variants.at([{ input, value: x, label: `--for ${input.name}=${x}` }])));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const problems = problemsOf(error);
      everyInvalidBreaksShares &&= problems.some((problem) => breaksShareSum(problem, shares!));
      const reason = problems.map(formatProblem).join("; ");
      firstInvalid ??= reason;
      return { valid: false, reason };
    }
  };
  const baseResult = evaluate(variants.base);
  const outcome = solve({ low: range.low, high: range.high, integer: leaf.integer, rule, evaluate: evaluateAt, progress });
  // Invalid values met while bisecting are not scan samples; count only the scan's.
  const scanInvalid = outcome.samples.filter((sample) => !sample.evaluation.valid).length;
  return {
    scenario: scenarioHeader(variants.base),
    input: input.name,
    metric,
    target,
    rule,
    range,
    integer: leaf.integer,
    current: { value: current, ...measurementValues(measure(baseResult)) },
    solutions: outcome.solutions,
    evaluations: outcome.evaluations,
    observed: observe(outcome.samples, rule, "metric" in target),
    invalid: { count: scanInvalid, ...(firstInvalid === undefined ? {} : { first: firstInvalid }) },
    ...(shares !== undefined && scanInvalid > 0 && everyInvalidBreaksShares ? { shares } : {}),
  };
}
