import { Command } from "commander";
import { runCommand } from "./commands/run.js";
import type { CliIo } from "./io.js";
import { packageVersion } from "./package-info.js";

const EXAMPLES = `
Examples:
  $ llm-cac run                                  the bundled default scenario
  $ llm-cac run my-app.yaml                      your own scenario
  $ llm-cac run a.yaml b.yaml --format md        two scenarios side by side, as Markdown
  $ llm-cac run my-app.yaml --format json | jq .ladder
  $ llm-cac run my-app.yaml --timeline month --format csv -o plan.csv
  $ cat my-app.yaml | llm-cac run -

Exit codes: 0 success, 2 bad usage or bad input, 70 internal error (add --debug for the stack).`;

/** The commander program; every command writes through `io` and reports its exit code through `exit`. */
export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command("llm-cac")
    .description("Customer-acquisition cost for AI chat apps: does inference < training < acquisition hold for your numbers?")
    .version(packageVersion(), "-V, --version")
    .option("--debug", "print the stack trace of internal errors")
    .addHelpText("after", EXAMPLES)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    });
  for (const command of [runCommand(io, exit)]) {
    // Options like --debug may follow the command name, as users type them.
    command.option("--debug", "print the stack trace of internal errors");
    program.addCommand(command.addHelpText("after", EXAMPLES).configureOutput(program.configureOutput()));
  }
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}
