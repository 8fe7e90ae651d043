import { Command } from "commander";
import { formatProblem, UserError } from "../../errors.js";
import type { Format } from "../../report/index.js";
import type { SolveReport } from "../../report/solve.js";
import { parsePath } from "../../scenario/overrides.js";
import { scenarioSchema } from "../../scenario/schema.js";
import { numberLeafAt } from "../../scenario/schema-walk.js";
import { valueAt } from "../../value-at.js";
import { type Evaluation, evaluationValues, observe, solve } from "../../whatif/solve.js";
import { defaultRange, measureTarget, parseRange, parseTarget, solveRule, splitTarget } from "../../whatif/solve-input.js";
import { type CliIo, renderOptionsFor } from "../io.js";
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
  const rule = solveRule(metric, target);
  const currentValue = valueAt(data, input.path);
  const current = typeof currentValue === "number" ? currentValue : null;
  const range = options.range === undefined ? defaultRange(current, leaf, options.for) : parseRange(options.range, data.currency, data.fx ?? {});

  const baseResult = evaluateScenario(variants.base);
  const measure = (result: unknown) => measureTarget(result, metric, target);
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
    current: { value: current, ...evaluationValues(measure(baseResult)) },
    solutions: outcome.solutions,
    evaluations: outcome.evaluations,
    observed: observe(outcome.samples, rule, "metric" in target),
    invalid: { count: scanInvalid, ...(firstInvalid === undefined ? {} : { first: firstInvalid }) },
  };
  // Loaded on demand, like run's renderers: chalk and cli-table3 only when a table is drawn.
  const { renderSolve } = await import("../../report/solve.js");
  emit(renderSolve(options.format, report, renderOptionsFor(io, options)), options, io);
  // No solution in the range is an answer, not a failure: the report says so, and the run succeeds.
  return 0;
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
