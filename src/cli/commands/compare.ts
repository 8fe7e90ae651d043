import { Command } from "commander";
import { compareRegistry } from "../../report/compare/index.js";
import { evaluateScenario } from "../../scenario/evaluate.js";
import { UserError } from "../../lib/errors.js";
import { baselineFor } from "../../result/baseline.js";
import { compareReport, compareToSaved } from "../../whatif/compare-report.js";
import type { ComparedResult } from "../../whatif/delta.js";
import type { JsonResult } from "../../result/json-result.js";
import { isSavedResult, readBase, readBaseline } from "../baseline.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { assertStdinOnce, loadScenarios } from "../scenarios.js";
import { loadCompared, overridesOf } from "../whatif.js";

export interface CompareOptions extends ScenarioOptionValues, ReportOptionValues {}

/**
 * `llm-cac compare BASE OTHER...`: every scenario evaluated and set against BASE.
 * With no OTHER, `--set` makes the other: BASE against a variant of itself. With OTHERs,
 * `--set` applies to every scenario, BASE included, as it does for `run`.
 */
async function runCompare(base: string, others: readonly string[], options: CompareOptions, io: CliIo): Promise<number> {
  const report = isSavedResult(base)
    ? compareSaved(base, others, options, io, () => ({ saved: readBaseline(base, io), name: base }))
    : compareReadBase(base, others, options, io);
  await emitReport(compareRegistry, report, options, io);
  return 0;
}

/**
 * A BASE not named `.json`: a saved result by its content (`compare - new.yaml < base.json`,
 * `base.out`), else a scenario. Read only where a scenario BASE would be read, so that
 * `compare base.yaml` alone still says what it lacks before reading anything.
 */
function compareReadBase(base: string, others: readonly string[], options: CompareOptions, io: CliIo): ComparedResult[] {
  if (others.length === 0 && overridesOf(options).length === 0) return compareScenarios(base, others, options, io);
  // Before stdin is read for BASE: it cannot also be a NEW scenario or the --prices map.
  assertStdinOnce([base, ...others], options.prices);
  const read = readBase(base, io);
  if ("saved" in read) return compareSaved(base, others, options, io, () => read);
  return compareScenarios(base, others, options, read.io);
}

function compareScenarios(base: string, others: readonly string[], options: CompareOptions, io: CliIo): ComparedResult[] {
  const scenarios = loadCompared(base, others, io, options);
  return compareReport(scenarios, evaluateScenario, others.length === 0 ? overridesOf(options) : undefined);
}

/**
 * BASE saved by `run --format json -o BASE.json`: the NEW scenarios set against its result
 * (the first NEW one's, where it holds several); `readSaved` reads it (and names it for its problems) once NEW is known to be given.
 */
function compareSaved(
  base: string,
  others: readonly string[],
  options: CompareOptions,
  io: CliIo,
  readSaved: () => { saved: JsonResult[]; name: string },
): ComparedResult[] {
  if (others.length === 0)
    throw new UserError(`compare ${base}: a saved result needs NEW scenarios to set against it`, {
      hint: `llm-cac compare ${base} my-app.yaml`,
    });
  const { saved, name } = readSaved();
  const scenarios = loadScenarios(others, io, { overrides: overridesOf(options), prices: options.prices, quiet: options.quiet });
  const first = scenarios[0]!;
  const result = baselineFor(saved, { file: first.file, name: first.data.name });
  if (result === undefined) {
    throw UserError.inFile(
      name,
      `holds no result of ${first.file} or "${first.data.name}" (it has: ${saved.map((item) => `"${item.scenario.name}"`).join(", ")})`,
    );
  }
  return compareToSaved(result, scenarios, evaluateScenario);
}

export function compareCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("compare")
    .description(
      "evaluate scenarios and show the change of every key figure against BASE (absolute and %), and where the ladder verdict changes",
    )
    .argument("<base>", "the scenario to compare against (YAML), - for stdin, or a result saved by run --format json -o base.json")
    .argument("[others...]", "scenarios to set against BASE; none: BASE with its --set changes")
    .addOption(formatOption(compareRegistry));
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (base: string, others: string[], options: CompareOptions) => {
    exit(await runCompare(base, others, options, io));
  });
  return command;
}
