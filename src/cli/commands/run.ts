import { Command } from "commander";
import type { TimelinePeriod } from "../../model/index.js";
import { type Format, render } from "../../report/index.js";
import { formatOption, outputOptions, timelineOption } from "../options.js";
import { type CliIo, useColor, writeFileAtomic } from "../io.js";
import { evaluateScenario, loadScenarios } from "../scenarios.js";

export interface RunOptions {
  format: Format;
  timeline?: TimelinePeriod;
  output?: string;
  force: boolean;
  color: boolean;
}

/** `llm-cac run`: load, evaluate, render, write. */
export async function runScenarios(files: readonly string[], options: RunOptions, io: CliIo): Promise<number> {
  const scenarios = loadScenarios(files, io);
  const results = scenarios.map((scenario) => evaluateScenario(scenario, options.timeline));
  const color = options.output === undefined && useColor(io, options.color);
  const text = await render(options.format, results, { color, width: io.columns });
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
    .addOption(timelineOption());
  outputOptions(command).action(async (files: string[], options: RunOptions) => {
    exit(await runScenarios(files, options, io));
  });
  return command;
}
