import { Command } from "commander";
import { checkCommand } from "./commands/check.js";
import { compareCommand } from "./commands/compare.js";
import { completionCommand } from "./commands/completion.js";
import { initCommand } from "./commands/init.js";
import { modelsCommand } from "./commands/models.js";
import { optimizeCommand } from "./commands/optimize.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { sensitivityCommand } from "./commands/sensitivity.js";
import { solveCommand } from "./commands/solve.js";
import { sweepCommand } from "./commands/sweep.js";
import type { CliIo } from "./io.js";
import { packageVersion } from "../lib/package-info.js";
import { displayWidth, wrapText } from "../report/shared/width.js";
import { showControls } from "../lib/control.js";

/** Examples by command: all of them under `llm-cac --help`, each command's own under its help. */
export const EXAMPLES: ReadonlyArray<readonly [command: string, line: string]> = [
  ["run", "llm-cac run                                  the bundled default scenario"],
  ["run", "llm-cac run my-app.yaml                      your own scenario"],
  ["run", "llm-cac run a.yaml b.yaml --format md        two scenarios side by side, as Markdown"],
  ["run", "llm-cac run my-app.yaml --format json | jq .ladder"],
  ["run", "llm-cac run my-app.yaml --timeline month --format csv -o plan.csv"],
  ["run", "cat my-app.yaml | llm-cac run                 a piped scenario (- reads stdin too)"],
  ["run", "llm-cac run my-app.yaml --samples 1000 --seed 7       P10/P50/P90 over the file's ranges"],
  ["init", "llm-cac init my-app.yaml                     an annotated starter scenario to edit"],
  ["check", "llm-cac check scenarios/ --format junit -o report.xml   test the expect blocks, for CI"],
  ["schema", "llm-cac schema > scenario.schema.json        the JSON Schema, for editors"],
  ["models", "llm-cac models --provider deepseek           the price catalog; `models ID` for one model's history"],
  ["compare", "llm-cac compare my-app.yaml --set acquisition.channels.0.cpa=50      what if the CPA rises"],
  ["sweep", "llm-cac sweep my-app.yaml --vary tokens.context=0..20000:5000        one input over a range"],
  [
    "solve",
    "llm-cac solve my-app.yaml --for acquisition.channels.0.cpa --target unit.cac_blended=1.5   the CPA at which blended CAC is $1.50",
  ],
  ["sensitivity", "llm-cac sensitivity my-app.yaml --metric unit.cac_blended          which inputs matter most, moved ±20 %"],
  ["completion", "source <(llm-cac completion bash)           completion in bash (also zsh, fish)"],
  ["optimize", "llm-cac optimize my-app.yaml                  the best split of the daily budget across channels"],
  ["optimize", "llm-cac optimize my-app.yaml --marginal-cac 3      the budget at which the next user costs $3 (ltv: what a user is worth)"],
];

const EXIT_CODES =
  "Exit codes: 0 success, 1 check: an expectation failed, 2 bad usage or bad input, 70 internal error (add --debug for the stack).";

/** Where an example's description starts when it fits beside its command. */
const DESCRIPTION_COLUMN = 49;

/**
 * The help's footer within `width` columns: each example's description beside its command
 * where both fit, else under it; a command too long for a line continues with ` \` as a
 * shell would take it.
 */
function examplesText(width: number, command?: string): string {
  const lines = EXAMPLES.filter(([name]) => command === undefined || name === command).flatMap(([, line]) => exampleLines(line, width));
  return `${lines.length > 0 ? `\nExamples:\n${lines.join("\n")}\n` : ""}\n${wrapText(EXIT_CODES, width, "  ").join("\n")}`;
}

function exampleLines(line: string, width: number): string[] {
  const [command, description] = line.split(/ {2,}/) as [string, string | undefined];
  const prompt = `  $ ${command}`;
  const beside = description === undefined ? prompt : `${prompt.padEnd(DESCRIPTION_COLUMN - 1)} ${description}`;
  if (displayWidth(beside) <= width) return [beside];
  const commandLines = wrapText(prompt, width - 2, "      ").map((text, index, all) => (index < all.length - 1 ? `${text} \\` : text));
  return description === undefined ? commandLines : [...commandLines, ...wrapText(`      ${description}`, width, "      ")];
}

type CommandMaker = (io: CliIo, exit: (code: number) => void) => Command;

/** Every command, in the order the help lists them. */
const COMMANDS: ReadonlyArray<readonly [name: string, make: CommandMaker]> = [
  ["run", runCommand],
  ["check", checkCommand],
  ["init", initCommand],
  ["schema", schemaCommand],
  ["models", modelsCommand],
  ["compare", compareCommand],
  ["sweep", sweepCommand],
  ["solve", solveCommand],
  ["sensitivity", sensitivityCommand],
  ["optimize", optimizeCommand],
  ["completion", completionCommand],
];

/**
 * The commands a parse of argv starting with `first` needs. A command named first is
 * parsed, and its help printed, without a look at any other, so it is made alone: making
 * all eleven costs every run start-up time. `completion` describes all of them, and
 * anything else (no command, `help`, an option, a typo to suggest a name for) needs all.
 */
function commandsFor(first: string | undefined): ReadonlyArray<readonly [string, CommandMaker]> {
  const named = COMMANDS.filter(([name]) => name === first && name !== "completion");
  return named.length > 0 ? named : COMMANDS;
}

/**
 * The commander program, for argv starting with `first` (see commandsFor); every command
 * writes through `io` and reports its exit code through `exit`.
 */
export function buildProgram(io: CliIo, exit: (code: number) => void, first?: string): Command {
  const program = new Command("llm-cac")
    .description("Customer-acquisition cost for AI chat apps: does inference < training < acquisition hold for your numbers?")
    // -v as most CLIs have it; -V, commander's default, still works (main.ts).
    .version(packageVersion(), "-v, --version")
    .option("--debug", "print the stack trace of internal errors")
    // Made when help is shown, not on every run: wrapping the examples costs start-up time.
    .addHelpText("after", () => examplesText(io.columns))
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander quotes what was typed ("argument '...' is invalid"): no control character of it reaches the terminal raw.
      outputError: (text, write) => write(commanderError(text)),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    });
  for (const command of commandsFor(first).map(([, make]) => make(io, exit))) {
    // Options like --debug may follow the command name, as users type them.
    command.option("--debug", "print the stack trace of internal errors");
    program.addCommand(
      command.addHelpText("after", () => examplesText(io.columns, command.name())).configureOutput(program.configureOutput()),
    );
  }
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Commander's error text with what was typed made visible: its own line breaks (the one that
 * ends the message, and the one before a "(Did you mean ...?)" suggestion) stay line breaks,
 * any other control character, a newline typed into an argument included, is shown escaped.
 */
export function commanderError(text: string): string {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return `${showControls(body).replaceAll("\\n(Did you mean", "\n(Did you mean")}\n`;
}
