import { Command } from "commander";
import { UserError } from "../../errors.js";
import { checkExitCode, type FileCheck } from "../../report/check.js";
import { CHECK_FORMATS, type CheckFormat, renderCheck } from "../../report/check-index.js";
import { evaluateExpectations } from "../../scenario/expect.js";
import { type LoadOptions, loadScenario } from "../../scenario/load.js";
import { STDIN_NAME } from "../../scenario/read.js";
import { type CliIo, renderOptionsFor } from "../io.js";
import { formatOption, outputOptions, scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { expandScenarioPaths, type ScenarioPath } from "../scenario-files.js";
import { evaluateScenario, printWarnings, problemsOf, readSources } from "../scenarios.js";
import { loadOptionsOf } from "../whatif.js";
import { emit } from "./run.js";

export interface CheckOptions extends ScenarioOptionValues {
  format: CheckFormat;
  output?: string;
  force: boolean;
  color: boolean;
}

/**
 * `llm-cac check`: every file validated, evaluated and tested against its `expect` block.
 * An invalid file does not stop the others; the exit code says the worst that happened.
 */
export async function runCheck(paths: readonly string[], options: CheckOptions, io: CliIo): Promise<number> {
  const targets = expandScenarioPaths(paths);
  // One price catalog for all files, read only if one of them names a model.
  const loadOptions = loadOptionsOf(io, options);
  const checks = targets.map((target) => checkFile(target, io, loadOptions, options.quiet === true));
  emit(await renderCheck(options.format, checks, renderOptionsFor(io, options)), options, io);
  return checkExitCode(checks);
}

function checkFile(target: ScenarioPath, io: CliIo, loadOptions: LoadOptions, quiet: boolean): FileCheck {
  if (target.problem !== undefined) return { file: target.file, valid: false, errors: [{ file: target.file, message: target.problem }] };
  try {
    const [source] = readSources([target.file], io);
    const scenario = loadScenario(source!, loadOptions);
    if (!quiet) printWarnings(scenario.warnings ?? [], io);
    const result = evaluateScenario(scenario);
    return { file: scenario.file, valid: true, result, outcome: evaluateExpectations(scenario.data.expect, result) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { file: target.file === "-" ? STDIN_NAME : target.file, valid: false, errors: problemsOf(error) };
  }
}

export function checkCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("check")
    .description("validate and evaluate scenarios and test their expect blocks; exit 0 all passed, 1 an expectation failed, 2 a file is invalid")
    .argument("<paths...>", "scenario files, - for stdin, or folders (every *.yaml / *.yml under them)")
    .addOption(formatOption(CHECK_FORMATS));
  outputOptions(scenarioOptions(command)).action(async (paths: string[], options: CheckOptions) => {
    exit(await runCheck(paths, options, io));
  });
  return command;
}
