import { UserError } from "../lib/errors.js";
import type { JsonResult } from "../result/json-result.js";
import type { Scenario } from "../scenario/load.js";
import type { Override } from "../scenario/overrides.js";
import { type ComparedResult, compareAll } from "./delta.js";

/**
 * Every scenario evaluated and set against the first (BASE). With `variantOf`, the
 * second is BASE with those `--set` changes, and is named after them so that every
 * format tells it from BASE.
 */
export function compareReport(
  scenarios: readonly Scenario[],
  evaluate: (scenario: Scenario) => JsonResult,
  variantOf?: readonly Override[],
): ComparedResult[] {
  checkCurrencies(scenarios);
  const results = scenarios.map((scenario) => evaluate(scenario));
  if (variantOf !== undefined) labelVariant(results[1]!, variantOf);
  return compareAll(results);
}

/**
 * Scenarios set against a saved result (a baseline from `run --format json`) rather than
 * a scenario: the pull request's numbers against the main branch's, without its YAML.
 */
export function compareToSaved(
  base: JsonResult,
  scenarios: readonly Scenario[],
  evaluate: (scenario: Scenario) => JsonResult,
): ComparedResult[] {
  const problems = scenarios
    .filter((scenario) => scenario.data.currency !== base.scenario.currency)
    .map((scenario) => ({
      file: scenario.file,
      path: "currency",
      message: `is ${scenario.data.currency} but the saved BASE (${base.scenario.name}) is ${base.scenario.currency}: changes between currencies mean nothing; compare scenarios in one currency`,
    }));
  if (problems.length > 0) throw UserError.fromProblems(problems);
  return compareAll([base, ...scenarios.map((scenario) => evaluate(scenario))]);
}

function labelVariant(result: JsonResult, overrides: readonly Override[]): void {
  result.scenario = { ...result.scenario, name: `${result.scenario.name} [${overrides.map((override) => override.label).join(" ")}]` };
}

function checkCurrencies(scenarios: readonly Scenario[]): void {
  const base = scenarios[0]!;
  const problems = scenarios
    .slice(1)
    .filter((scenario) => scenario.data.currency !== base.data.currency)
    .map((scenario) => ({
      file: scenario.file,
      path: "currency",
      message: `is ${scenario.data.currency} but BASE (${base.file}) is ${base.data.currency}: changes between currencies mean nothing; compare scenarios in one currency`,
    }));
  if (problems.length > 0) throw UserError.fromProblems(problems);
}
