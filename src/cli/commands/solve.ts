import { Command } from "commander";
import { solveRegistry } from "../../report/solve/index.js";
import { evaluatePoint } from "../../scenario/evaluate.js";
import { planSolve, type SolveRequest, solveReport } from "../../whatif/solve-report.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { progressReporter } from "../progress.js";
import { loadVariants } from "../whatif.js";

export interface SolveOptions extends SolveRequest, ScenarioOptionValues, ReportOptionValues {}

/**
 * `llm-cac solve FILE --for PATH --target METRIC=VALUE [--range lo..hi]`: the value of one
 * input at which a metric hits a target (see src/whatif/solve.ts for what "hits" means).
 * No solution in the range is an answer, not a failure: the report says so, and the run succeeds.
 */
async function runSolve(file: string, options: SolveOptions, io: CliIo): Promise<number> {
  const plan = planSolve(options);
  const variants = loadVariants(file, io, options);
  const progress = progressReporter(io, options, "values");
  let report: ReturnType<typeof solveReport>;
  try {
    report = solveReport(variants, plan, evaluatePoint, progress?.update);
  } finally {
    progress?.done();
  }
  await emitReport(solveRegistry, report, options, io);
  return 0;
}

export function solveCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("solve")
    .description("find the value of one input at which a metric hits a target, by bracketing and bisection")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .requiredOption("--for <PATH>", "the input to solve for, e.g. acquisition.channels.0.cpa")
    .requiredOption(
      "--target <METRIC=VALUE>",
      "e.g. unit.ltv_to_cac=3, milestones.inference_overtakes_training_day=180, ladder.inference=ladder.training",
    )
    .option("--range <lo..hi>", "where to search (default: the current value / 100 .. x 100)")
    .addOption(formatOption(solveRegistry));
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (file: string, options: SolveOptions) => {
    exit(await runSolve(file, options, io));
  });
  return command;
}
