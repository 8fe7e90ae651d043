import { Command } from "commander";
import { UserError } from "../../lib/errors.js";
import type { TimelinePeriod } from "../../model/index.js";
import { runRegistry } from "../../report/run/index.js";
import { evaluateScenarios } from "../../scenario/evaluate.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues, timelineOption } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { loadScenarios } from "../scenarios.js";
import { overridesOf } from "../whatif.js";

export interface RunOptions extends ScenarioOptionValues, ReportOptionValues {
  timeline?: TimelinePeriod;
  /** `--samples N`, `--seed S`: an uncertainty run over the scenario's ranges (src/cli/samples.ts). */
  samples?: string;
  seed?: string;
  jobs?: string;
}

/** `llm-cac run`: load, evaluate, render, write. */
async function runScenarios(files: readonly string[], options: RunOptions, io: CliIo): Promise<number> {
  if (options.jobs !== undefined && options.samples === undefined) {
    throw new UserError(
      `--jobs ${options.jobs}: threads are for an uncertainty run; add --samples N, e.g. --samples 10000 --jobs ${options.jobs}`,
    );
  }
  if (options.samples !== undefined || options.seed !== undefined) {
    // Loaded on demand: a plain run never loads the sampler.
    const { runSampled } = await import("../samples.js");
    return runSampled(files, options, io);
  }
  const scenarios = loadScenarios(files, io, { overrides: overridesOf(options), prices: options.prices, quiet: options.quiet });
  // The HTML report draws cumulative costs and DAU day by day, whatever --timeline says.
  const period = options.format === "html" ? "day" : options.timeline;
  await emitReport(runRegistry, evaluateScenarios(scenarios, period), options, io);
  return 0;
}

export function runCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("run")
    .description("evaluate scenarios and print the cost ladder, totals, unit economics and milestones")
    .argument("[files...]", "scenario files (YAML), - for stdin; none: the bundled default scenario")
    .addOption(formatOption(runRegistry))
    .addOption(timelineOption())
    .option(
      "--samples <N>",
      "uncertainty run: draw every range N times (1..100,000); P10/P50/P90 of every figure and how often the ladder holds",
    )
    .option("--jobs <N>", "with --samples: evaluate on N threads (default: the available cores); the output is the same for any N")
    .option("--seed <S>", "the generator's seed for --samples, 0..4294967295 (default 1): same seed, same output");
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (files: string[], options: RunOptions) => {
    exit(await runScenarios(files, options, io));
  });
  return command;
}
