import { Command } from "commander";
import { UserError } from "../../errors.js";
import type { Format } from "../../report/index.js";
import type { JsonResult } from "../../result/json-result.js";
import { loadScenario, type Scenario } from "../../scenario/load.js";
import type { Override } from "../../scenario/overrides.js";
import { compareAll } from "../../whatif/delta.js";
import { type CliIo, renderOptionsFor } from "../io.js";
import { formatOption, outputOptions, scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { evaluateScenario, loadScenarios, printWarnings, readSources } from "../scenarios.js";
import { loadOptionsOf, overridesOf } from "../whatif.js";
import { emit } from "./run.js";

export interface CompareOptions extends ScenarioOptionValues {
  format: Format;
  output?: string;
  force: boolean;
  color: boolean;
}

/**
 * `llm-cac compare BASE OTHER...`: every scenario evaluated and set against BASE.
 * With no OTHER, `--set` makes the other: BASE against a variant of itself. With OTHERs,
 * `--set` applies to every scenario, BASE included, as it does for `run`.
 */
export async function runCompare(base: string, others: readonly string[], options: CompareOptions, io: CliIo): Promise<number> {
  const overrides = overridesOf(options);
  const scenarios =
    others.length === 0 ? baseAndVariant(base, overrides, io, options) : loadScenarios([base, ...others], io, { overrides, prices: options.prices, quiet: options.quiet });
  checkCurrencies(scenarios);
  const results = scenarios.map((scenario) => evaluateScenario(scenario));
  if (others.length === 0) labelVariant(results[1]!, overrides);
  // Loaded on demand, like run's renderers: chalk and cli-table3 only when a table is drawn.
  const { renderCompare } = await import("../../report/compare.js");
  emit(renderCompare(options.format, compareAll(results), renderOptionsFor(io, options)), options, io);
  return 0;
}

function baseAndVariant(base: string, overrides: readonly Override[], io: CliIo, options: ScenarioOptionValues): Scenario[] {
  if (overrides.length === 0) {
    throw new UserError("compare needs a scenario to set against BASE: give OTHER files, or --set PATH=VALUE to compare BASE with a variant of itself", {
      hint: "llm-cac compare base.yaml --set acquisition.channels.0.cpa=50",
    });
  }
  // Read once, so that BASE may be stdin.
  const [source] = readSources([base], io);
  const loadOptions = loadOptionsOf(io, options, []);
  const scenarios = [loadScenario(source!, loadOptions), loadScenario(source!, { ...loadOptions, overrides })];
  if (!options.quiet) printWarnings(scenarios[0]!.warnings ?? [], io);
  return scenarios;
}

/** The variant is named after its changes, so every format tells it from BASE. */
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

export function compareCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("compare")
    .description("evaluate scenarios and show the change of every key figure against BASE (absolute and %), and where the ladder verdict changes")
    .argument("<base>", "the scenario to compare against (YAML), - for stdin")
    .argument("[others...]", "scenarios to set against BASE; none: BASE with its --set changes")
    .addOption(formatOption())
;
  outputOptions(scenarioOptions(command)).action(async (base: string, others: string[], options: CompareOptions) => {
    exit(await runCompare(base, others, options, io));
  });
  return command;
}
