import { Command } from "commander";
import { checkRegistry } from "../../report/check/index.js";
import { checkExitCode } from "../../scenario/check.js";
import { checkFiles } from "../check-files.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";

export interface CheckOptions extends ScenarioOptionValues, ReportOptionValues {
  /** `--baseline FILE`: results saved by `run --format json`, for the expect block's max_increase / max_decrease. */
  baseline?: string;
}

/**
 * `llm-cac check`: every file validated, evaluated and tested against its `expect` block.
 * An invalid file does not stop the others; the exit code says the worst that happened.
 */
async function runCheck(paths: readonly string[], options: CheckOptions, io: CliIo): Promise<number> {
  const checks = checkFiles(paths, io, options);
  await emitReport(checkRegistry, checks, options, io);
  return checkExitCode(checks);
}

export function checkCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("check")
    .description(
      "validate and evaluate scenarios and test their expect blocks; exit 0 all passed, 1 an expectation failed, 2 a file is invalid",
    )
    .argument("<paths...>", "scenario files, - for stdin, or folders (every *.yaml / *.yml under them)")
    .addOption(formatOption(checkRegistry))
    .option(
      "--baseline <file>",
      "results saved by `run --format json -o base.json` (- for stdin): tests expect's max_increase / max_decrease against them",
    );
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (paths: string[], options: CheckOptions) => {
    exit(await runCheck(paths, options, io));
  });
  return command;
}
