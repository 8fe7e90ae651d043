import { Command } from "commander";
import type { TimelinePeriod } from "../../model/index.js";
import { type Format, render } from "../../report/index.js";
import { parseOverride } from "../../scenario/overrides.js";
import { formatOption, outputOptions, scenarioOptions, type ScenarioOptionValues, timelineOption } from "../options.js";
import { type CliIo, renderOptionsFor, writeFileAtomic } from "../io.js";
import { evaluateScenario, loadScenarios } from "../scenarios.js";

export interface RunOptions extends ScenarioOptionValues {
  format: Format;
  timeline?: TimelinePeriod;
  output?: string;
  force: boolean;
  color: boolean;
  /** `--samples N`, `--seed S`: an uncertainty run over the scenario's ranges (src/cli/samples.ts). */
  samples?: string;
  seed?: string;
}

/** `llm-cac run`: load, evaluate, render, write. */
export async function runScenarios(files: readonly string[], options: RunOptions, io: CliIo): Promise<number> {
  if (options.samples !== undefined || options.seed !== undefined) {
    // Loaded on demand: a plain run never loads the sampler.
    const { runSampled } = await import("../samples.js");
    return runSampled(files, options, io);
  }
  const overrides = (options.set ?? []).map((text) => parseOverride(text));
  const scenarios = loadScenarios(files, io, { overrides, prices: options.prices, quiet: options.quiet });
  const results = scenarios.map((scenario) => evaluateScenario(scenario, options.timeline));
  const text = await render(options.format, results, renderOptionsFor(io, options));
  emit(text, options, io);
  return 0;
}

/** To stdout, or all at once to `--output`. */
export function emit(text: string, options: { output?: string; force: boolean }, io: CliIo): void {
  if (options.output === undefined || options.output === "-") io.stdout(text);
  else writeFileAtomic(options.output, text, options.force);
}

export function runCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("run")
    .description("evaluate scenarios and print the cost ladder, totals, unit economics and milestones")
    .argument("[files...]", "scenario files (YAML), - for stdin; none: the bundled default scenario")
    .addOption(formatOption())
    .addOption(timelineOption())

    .option("--samples <N>", "uncertainty run: draw every range N times (1..100,000); P10/P50/P90 of every figure and how often the ladder holds")
    .option("--seed <S>", "the generator's seed for --samples, 0..4294967295 (default 1): same seed, same output");
  outputOptions(scenarioOptions(command)).action(async (files: string[], options: RunOptions) => {
    exit(await runScenarios(files, options, io));
  });
  return command;
}
