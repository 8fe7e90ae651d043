import { CommanderError } from "commander";
import { formatProblem, isUserError } from "../errors.js";
import { type CliIo, processIo } from "./io.js";
import { buildProgram } from "./program.js";

const EXIT_OK = 0;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

/**
 * The one boundary: user errors become messages and exit 2, anything else a one-line
 * report and exit 70 (the stack only with --debug). Returns the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  let exitCode = EXIT_OK;
  try {
    const program = buildProgram(io, (code) => {
      exitCode = code;
    });
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return EXIT_OK;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version).
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (isUserError(error)) {
    const lines = error.problems.length > 0 ? error.problems.map(formatProblem) : [`llm-cac: ${error.message}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    io.stderr(`${lines.join("\n")}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr(`llm-cac: internal error: ${message.split("\n")[0]}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr("(this is a bug in llm-cac; run again with --debug for the stack trace)\n");
  return EXIT_INTERNAL;
}

/** Entry point of the built binary. */
export async function main(argv: readonly string[]): Promise<void> {
  // A closed pipe (`llm-cac run | head -1`) is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT_OK);
  });
  process.exitCode = await runCli(argv, processIo());
}
