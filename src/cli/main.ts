import { CommanderError } from "commander";
import { showControls } from "../lib/control.js";
import { formatProblem, isUserError, UserError } from "../lib/errors.js";
import { describeFsError } from "../lib/read.js";
import { type CliIo, processIo } from "./io.js";
import { buildProgram } from "./program.js";
import { ProcessStdout } from "./stdout.js";

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
    const program = buildProgram(
      { ...withStdinOnce(io), filesRead: [] },
      (code) => {
        exitCode = code;
      },
      argv[0],
    );
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return EXIT_OK;
    }
    assertCommandNotFile(
      argv[0],
      program.commands.map((command) => command.name()),
      argv,
    );
    await program.parseAsync(argv[0] === "-V" ? ["--version", ...argv.slice(1)] : [...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** `io` whose stdin can be read once: `run - --prices -` would otherwise hand both the same bytes. */
function withStdinOnce(io: CliIo): CliIo {
  let read = false;
  return {
    ...io,
    readStdin: () => {
      if (read) throw new UserError("stdin (-) can be read only once");
      read = true;
      return io.readStdin();
    },
  };
}

/** `llm-cac my-app.yaml`: a scenario where the command goes, the most likely slip of a newcomer. */
function assertCommandNotFile(first: string | undefined, commands: readonly string[], argv: readonly string[]): void {
  if (first === undefined || commands.includes(first) || !/\.ya?ml$/i.test(first)) return;
  throw new UserError(`unknown command "${first}": a scenario file comes after a command`, { hint: `llm-cac run ${argv.join(" ")}` });
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version).
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (isUserError(error)) {
    const lines = error.problems.length > 0 ? error.problems.map(formatProblem) : [`llm-cac: ${showControls(error.message)}`];
    if (error.hint) lines.push(`hint: ${showControls(error.hint)}`);
    io.stderr(`${lines.join("\n")}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr(`llm-cac: internal error: ${showControls(message.split("\n")[0]!)}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr("(this is a bug in llm-cac; run again with --debug for the stack trace)\n");
  return EXIT_INTERNAL;
}

/** Entry point of the built binary. */
export async function main(argv: readonly string[]): Promise<void> {
  const stdout = new ProcessStdout(() => process.exit(EXIT_OK));
  const code = await runCli(argv, processIo(stdout));
  // A full disk (ENOSPC) or a failing device (EIO) must not pass for a report written.
  const writeError = await stdout.finished();
  if (writeError === undefined) {
    process.exitCode = code;
    return;
  }
  process.stderr.write(`llm-cac: cannot write to stdout: ${describeFsError(writeError, "write")}\n`);
  process.exitCode = EXIT_USAGE;
}
