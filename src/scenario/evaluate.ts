import { evaluateResult } from "../model/fast/evaluate.js";
import { evaluate, type ModelResult, timeline, type TimelinePeriod } from "../model/index.js";
import { jsonResult, type JsonResult, type ScenarioHeader } from "../result/json-result.js";
import type { Scenario } from "./load.js";

/**
 * A validated scenario through the model, as the JSON result every report starts from.
 * Without `period`, the model's O(H) fast path where it covers the input (src/model/fast/),
 * evaluate() where not: the same figures to 1e-9 relative (tests/model/fast.test.ts).
 * `period` adds the calendar, which only the direct evaluate() builds.
 */
export function evaluateScenario(scenario: Scenario, period?: TimelinePeriod): JsonResult {
  if (period === undefined) return jsonResult(scenarioHeader(scenario), evaluateResult(scenario.input));
  const { result, calendar } = evaluate(scenario.input);
  return jsonResult(scenarioHeader(scenario), result, timeline(calendar, period));
}

/**
 * One point of many (sweep, solve, sensitivity, samples): evaluateScenario without a calendar,
 * of one parameter so that it can be passed as a callback (a caller's extra argument, such as
 * an index, can never become a period).
 */
export function evaluatePoint(scenario: Scenario): JsonResult {
  return evaluateScenario(scenario);
}

/**
 * One point's figures without the JSON result around them: evaluatePoint's totals, unit,
 * ladder and milestones, for callers that read only metrics (sweep's thousands of points).
 */
export function evaluatePointFigures(scenario: Scenario): ModelResult {
  return evaluateResult(scenario.input);
}

/** Which scenario a report is about, as every report's JSON names it. */
export function scenarioHeader(scenario: Scenario): ScenarioHeader {
  return { name: scenario.data.name, file: scenario.file, currency: scenario.data.currency, horizon_days: scenario.data.horizon_days };
}

/** Each scenario's result, in order; with `period`, each with its calendar. */
export function evaluateScenarios(scenarios: readonly Scenario[], period?: TimelinePeriod): JsonResult[] {
  return scenarios.map((scenario) => evaluateScenario(scenario, period));
}
