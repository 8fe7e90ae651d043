import { Command } from "commander";
import { checkCommand } from "./commands/check.js";
import { compareCommand } from "./commands/compare.js";
import { initCommand } from "./commands/init.js";
import { modelsCommand } from "./commands/models.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { sensitivityCommand } from "./commands/sensitivity.js";
import { solveCommand } from "./commands/solve.js";
import { sweepCommand } from "./commands/sweep.js";
import type { CliIo } from "./io.js";
import { packageVersion } from "./package-info.js";

/** Examples by command: all of them under `llm-cac --help`, each command's own under its help. */
const EXAMPLES: ReadonlyArray<readonly [command: string, line: string]> = [
  ["run", "llm-cac run                                  the bundled default scenario"],
  ["run", "llm-cac run my-app.yaml                      your own scenario"],
  ["run", "llm-cac run a.yaml b.yaml --format md        two scenarios side by side, as Markdown"],
  ["run", "llm-cac run my-app.yaml --format json | jq .ladder"],
  ["run", "llm-cac run my-app.yaml --timeline month --format csv -o plan.csv"],
  ["run", "cat my-app.yaml | llm-cac run -"],
  ["run", "llm-cac run my-app.yaml --samples 1000 --seed 7       P10/P50/P90 over the file's ranges"],
  ["init", "llm-cac init my-app.yaml                     an annotated starter scenario to edit"],
  ["check", "llm-cac check scenarios/ --format junit -o report.xml   test the expect blocks, for CI"],
  ["schema", "llm-cac schema > scenario.schema.json        the JSON Schema, for editors"],
  ["models", "llm-cac models --provider deepseek           the price catalog; `models ID` for one model's history"],
  ["compare", "llm-cac compare my-app.yaml --set acquisition.channels.0.cpa=50      what if the CPA rises"],
  ["sweep", "llm-cac sweep my-app.yaml --vary tokens.context=0..20000:5000        one input over a range"],
  ["solve", "llm-cac solve my-app.yaml --for acquisition.channels.0.cpa --target unit.ltv_to_cac=3"],
  ["sensitivity", "llm-cac sensitivity my-app.yaml --metric unit.cac_blended          which inputs matter most, moved ±20 %"],
];

const EXIT_CODES =
  "Exit codes: 0 success, 1 check: an expectation failed, 2 bad usage or bad input, 70 internal error (add --debug for the stack).";

function examplesText(command?: string): string {
  const lines = EXAMPLES.filter(([name]) => command === undefined || name === command).map(([, line]) => `  $ ${line}`);
  return `${lines.length > 0 ? `\nExamples:\n${lines.join("\n")}\n` : ""}\n${EXIT_CODES}`;
}

/** The commander program; every command writes through `io` and reports its exit code through `exit`. */
export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command("llm-cac")
    .description("Customer-acquisition cost for AI chat apps: does inference < training < acquisition hold for your numbers?")
    .version(packageVersion(), "-V, --version")
    .option("--debug", "print the stack trace of internal errors")
    .addHelpText("after", examplesText())
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    });
  for (const command of [runCommand(io, exit), checkCommand(io, exit), initCommand(io, exit), schemaCommand(io, exit), modelsCommand(io, exit), compareCommand(io, exit), sweepCommand(io, exit), solveCommand(io, exit), sensitivityCommand(io, exit)]) {
    // Options like --debug may follow the command name, as users type them.
    command.option("--debug", "print the stack trace of internal errors");
    program.addCommand(command.addHelpText("after", examplesText(command.name())).configureOutput(program.configureOutput()));
  }
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}
