import { Command } from "commander";
import { formatProblem, UserError } from "../../errors.js";
import type { Format } from "../../report/index.js";
import { valueAt } from "../../report/result.js";
import type { SolveReport } from "../../report/solve.js";
import { convertMoney, parseMoney } from "../../scenario/money.js";
import { parsePath } from "../../scenario/overrides.js";
import { scenarioSchema } from "../../scenario/schema.js";
import { numberLeafAt, type NumberLeaf } from "../../scenario/schema-walk.js";
import { checkMetric, LADDER_HOLDS, metricKind, metricValue, WHATIF_METRICS } from "../../whatif/metrics.js";
import { type Evaluation, sideOf, solve, type SolveRule } from "../../whatif/solve.js";
import { type CliIo, useColor } from "../io.js";
import { formatOption, outputOptions, scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { evaluateScenario, problemsOf } from "../scenarios.js";
import { loadVariants } from "../whatif.js";
import { emit } from "./run.js";

export interface SolveOptions extends ScenarioOptionValues {
  for: string;
  target: string;
  range?: string;
  format: Format;
  output?: string;
  force: boolean;
  color: boolean;
}

/** Exit code when the search ran but found no solution in the range (as `check` exits 1 when an expectation fails). */
export const EXIT_NO_SOLUTION = 1;

const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

type Target = { value: number | boolean } | { metric: string };

/**
 * `llm-cac solve FILE --for PATH --target METRIC=VALUE [--range lo..hi]`: the value of one
 * input at which a metric hits a target (see src/whatif/solve.ts for what "hits" means).
 */
export async function runSolve(file: string, options: SolveOptions, io: CliIo): Promise<number> {
  const segments = parsePath(options.for, `--for ${options.for}`);
  const { metric, targetText } = splitTarget(options.target);
  const variants = loadVariants(file, io, options);
  const input = variants.input({ segments, value: null, label: `--for ${options.for}` });
  const leaf = numberLeafAt(scenarioSchema, input.path);
  if (leaf === undefined) throw new UserError(`--for ${options.for}: not a numeric input; solve varies a number (a count, a price, a rate)`);
  const data = variants.base.data;
  const target = parseTarget(metric, targetText, data.currency, data.fx ?? {});
  const rule: SolveRule = metric === LADDER_HOLDS ? "is" : "metric" in target || metricKind(metric) !== "day" ? "equal" : "at-most";
  const currentValue = valueAt(data, input.path);
  const current = typeof currentValue === "number" ? currentValue : null;
  const range = options.range === undefined ? defaultRange(current, leaf, options.for) : { ...parseRange(options.range, data.currency, data.fx ?? {}), from: "--range" };

  const baseResult = evaluateScenario(variants.base);
  const measure = (result: unknown): Evaluation => ({
    valid: true,
    metric: metricValue(result, metric),
    target: "metric" in target ? metricValue(result, target.metric) : target.value,
  });
  let firstInvalid: string | undefined;
  const evaluate = (x: number): Evaluation => {
    try {
      return measure(evaluateScenario(variants.at([{ input, value: x, label: `--for ${input.name}=${x}` }])));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const reason = problemsOf(error).map(formatProblem).join("; ");
      firstInvalid ??= reason;
      return { valid: false, reason };
    }
  };
  const outcome = solve({ low: range.low, high: range.high, integer: leaf.integer, rule, evaluate });
  // Invalid values met while bisecting are not scan samples; count only the scan's.
  const scanInvalid = outcome.samples.filter((sample) => !sample.evaluation.valid).length;

  const report: SolveReport = {
    scenario: baseResult.scenario,
    input: input.name,
    metric,
    target,
    rule,
    range,
    integer: leaf.integer,
    current: { value: current, ...pick(measure(baseResult)) },
    solutions: outcome.solutions,
    evaluations: outcome.evaluations,
    observed: observe(outcome.samples, rule, "metric" in target),
    invalid: { count: scanInvalid, ...(firstInvalid === undefined ? {} : { first: firstInvalid }) },
  };
  const color = options.output === undefined && useColor(io, options.color);
  // Loaded on demand, like run's renderers: chalk and cli-table3 only when a table is drawn.
  const { renderSolve } = await import("../../report/solve.js");
  emit(renderSolve(options.format, report, { color, width: io.columns }), options, io);
  return outcome.solutions.length > 0 ? 0 : EXIT_NO_SOLUTION;
}

function pick(evaluation: Evaluation): { metric: number | boolean | null; target: number | boolean | null } {
  return evaluation.valid ? { metric: evaluation.metric, target: evaluation.target } : { metric: null, target: null };
}

function observe(samples: readonly { x: number; evaluation: Evaluation }[], rule: SolveRule, metricTarget: boolean): SolveReport["observed"] {
  const numbers: number[] = [];
  let hits = 0;
  for (const { evaluation } of samples) {
    if (!evaluation.valid) continue;
    if (sideOf(rule, evaluation) === true) hits++;
    const { metric, target } = evaluation;
    if (typeof metric !== "number") continue;
    // For a metric target the distance to it tells more than the metric alone.
    if (metricTarget) {
      if (typeof target === "number") numbers.push(metric - target);
    } else {
      numbers.push(metric);
    }
  }
  return {
    samples: samples.length,
    min: numbers.length === 0 ? null : Math.min(...numbers),
    max: numbers.length === 0 ? null : Math.max(...numbers),
    hits: rule === "equal" ? 0 : hits,
  };
}

function splitTarget(text: string): { metric: string; targetText: string } {
  const equals = text.indexOf("=");
  if (equals <= 0 || equals === text.length - 1) {
    throw new UserError(`--target ${text}: expected METRIC=VALUE, e.g. --target unit.ltv_to_cac=3 or --target ladder.inference=ladder.training`);
  }
  return { metric: checkMetric(text.slice(0, equals), `--target ${text}`), targetText: text.slice(equals + 1).trim() };
}

/** The target: true/false for ladder.holds, another metric, a number, or money converted to the scenario's currency. */
function parseTarget(metric: string, text: string, currency: string, fx: Readonly<Record<string, number>>): Target {
  const label = `--target ${metric}=${text}`;
  if (metric === LADDER_HOLDS) {
    if (text === "true" || text === "false") return { value: text === "true" };
    throw new UserError(`${label}: ladder.holds is true or false`);
  }
  if (WHATIF_METRICS.includes(text)) {
    if (text === LADDER_HOLDS) throw new UserError(`${label}: a number cannot equal ladder.holds, which is true or false`);
    return { metric: text };
  }
  if (PLAIN_NUMBER.test(text)) return { value: Number(text) };
  const money = parseMoney(text);
  if (money.ok) {
    if (metricKind(metric) !== "money") throw new UserError(`${label}: ${metric} is not money; give a plain number`);
    const converted = convertMoney(money.money, currency, fx);
    if (!converted.ok) throw new UserError(`${label}: ${converted.reason}`);
    return { value: converted.value };
  }
  // Neither a number nor money: most likely a mistyped metric.
  return { metric: checkMetric(text, label) };
}

function amountOf(text: string, label: string, currency: string, fx: Readonly<Record<string, number>>): number {
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) return Number(trimmed);
  const money = parseMoney(trimmed);
  if (!money.ok) throw new UserError(`${label}: "${trimmed}" is not a number: ${money.reason}`);
  const converted = convertMoney(money.money, currency, fx);
  if (!converted.ok) throw new UserError(`${label}: ${converted.reason}`);
  return converted.value;
}

function parseRange(text: string, currency: string, fx: Readonly<Record<string, number>>): { low: number; high: number } {
  const label = `--range ${text}`;
  const match = /^(.+?)\.\.(.+)$/s.exec(text.trim());
  if (match === null) throw new UserError(`${label}: expected lo..hi, e.g. --range 1..100`);
  const [low, high] = [amountOf(match[1]!, label, currency, fx), amountOf(match[2]!, label, currency, fx)];
  if (!(low < high)) throw new UserError(`${label}: lo must be below hi`);
  return { low, high };
}

/**
 * Without --range: from a hundredth to a hundred times the current value, within what
 * the schema allows; around zero, a negative or a missing value, the schema's own bounds
 * where it has both; else --range is required.
 */
export function defaultRange(current: number | null, leaf: NumberLeaf, path: string): { low: number; high: number; from: string } {
  const floor = leaf.min === undefined ? Number.NEGATIVE_INFINITY : leaf.min.inclusive ? leaf.min.value : nudge(leaf.min.value, 1, leaf);
  const ceiling = leaf.max === undefined ? Number.POSITIVE_INFINITY : leaf.max.inclusive ? leaf.max.value : nudge(leaf.max.value, -1, leaf);
  if (current !== null && current > 0) {
    const low = Math.max(current / 100, floor);
    const high = Math.min(current * 100, ceiling);
    if (low < high) return { low, high, from: `default: the current value ${formatShort(current)} / 100 .. x 100${low !== current / 100 || high !== current * 100 ? ", within the allowed values" : ""}` };
  }
  if (Number.isFinite(floor) && Number.isFinite(ceiling) && ceiling - floor <= 1e6) return { low: floor, high: ceiling, from: "default: every value the scenario format allows" };
  const now = current === null ? "has no value in the file" : `is ${current}`;
  throw new UserError(`--for ${path}: ${now}, so there is no default range around it; give --range lo..hi`);
}

function nudge(bound: number, direction: number, leaf: NumberLeaf): number {
  if (leaf.integer) return bound + direction;
  return bound + direction * Math.max(Math.abs(bound), 1) * 1e-9;
}

function formatShort(value: number): string {
  return String(Number(value.toPrecision(7)));
}

export function solveCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("solve")
    .description("find the value of one input at which a metric hits a target, by bracketing and bisection")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .requiredOption("--for <PATH>", "the input to solve for, e.g. acquisition.channels.0.cpa")
    .requiredOption("--target <METRIC=VALUE>", "e.g. unit.ltv_to_cac=3, milestones.inference_overtakes_training_day=180, ladder.inference=ladder.training")
    .option("--range <lo..hi>", "where to search (default: the current value / 100 .. x 100)")
    .addOption(formatOption())
;
  outputOptions(scenarioOptions(command)).action(async (file: string, options: SolveOptions) => {
    exit(await runSolve(file, options, io));
  });
  return command;
}
