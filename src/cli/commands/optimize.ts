import { Command } from "commander";
import { optimizeRegistry } from "../../report/optimize/index.js";
import { evaluateScenario } from "../../scenario/evaluate.js";
import { type OptimizeRequest, optimizeReport, planOptimize } from "../../whatif/optimize-report.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { loadVariants } from "../whatif.js";

export interface OptimizeOptions extends OptimizeRequest, ScenarioOptionValues, ReportOptionValues {}

/**
 * `llm-cac optimize FILE [--budget MONEY] [--marginal-cac MONEY|ltv]`: the best split of a
 * daily budget across the paid channels, or the right budget for a target marginal CAC,
 * and the scenario re-run at it (model-v2.md 5b). An unbounded budget is an answer, not a failure.
 */
async function runOptimize(file: string, options: OptimizeOptions, io: CliIo): Promise<number> {
  const plan = planOptimize(options);
  const scenario = loadVariants(file, io, options).base;
  await emitReport(optimizeRegistry, optimizeReport(scenario, plan, evaluateScenario), options, io);
  return 0;
}

export function optimizeCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("optimize")
    .description("the best split of the daily budget across paid channels, or the budget at which the next install costs a target")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .option("--budget <MONEY>", 'split this daily budget instead of the scenario\'s, e.g. 500000 or "50万"')
    .option("--marginal-cac <MONEY|ltv>", "find the daily budget at which one more install costs this much (ltv: what a user is worth)")
    .addOption(formatOption(optimizeRegistry));
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (file: string, options: OptimizeOptions) => {
    exit(await runOptimize(file, options, io));
  });
  return command;
}
