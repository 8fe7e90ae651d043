import { Command } from "commander";
import { sensitivityRegistry } from "../../report/sensitivity/index.js";
import { evaluatePoint } from "../../scenario/evaluate.js";
import {
  DEFAULT_DELTA,
  DEFAULT_SENSITIVITY_METRIC,
  planSensitivity,
  type SensitivityRequest,
  sensitivityReport,
} from "../../whatif/sensitivity-report.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { progressReporter } from "../progress.js";
import { loadVariants } from "../whatif.js";

export interface SensitivityOptions extends SensitivityRequest, ScenarioOptionValues, ReportOptionValues {}

/**
 * `llm-cac sensitivity FILE [--delta 0.2] [--metric PATH]`: every numeric input moved
 * down and up by delta on its own, the metric at each, ranked by the larger change (a
 * tornado); see src/whatif/sensitivity-report.ts.
 */
async function runSensitivity(file: string, options: SensitivityOptions, io: CliIo): Promise<number> {
  const plan = planSensitivity(options);
  const variants = loadVariants(file, io, options);
  const progress = progressReporter(io, options, "inputs");
  let report: ReturnType<typeof sensitivityReport>;
  try {
    report = sensitivityReport(variants, plan, evaluatePoint, progress?.update);
  } finally {
    progress?.done();
  }
  await emitReport(sensitivityRegistry, report, options, io);
  return 0;
}

export function sensitivityCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("sensitivity")
    .description("move each numeric input down and up by delta on its own and rank the inputs by their effect on a metric (a tornado)")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .option(
      "--delta <fraction>",
      `how far each input moves, as a fraction in (0, 1) or a percentage (default ${DEFAULT_DELTA}: x0.8 and x1.2)`,
    )
    .option("--metric <path>", `the metric to rank by (default ${DEFAULT_SENSITIVITY_METRIC})`)
    .addOption(formatOption(sensitivityRegistry));
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (file: string, options: SensitivityOptions) => {
    exit(await runSensitivity(file, options, io));
  });
  return command;
}
