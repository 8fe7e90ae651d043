import { type Command, Option } from "commander";
import { UserError } from "../lib/errors.js";
import { packageVersion } from "../lib/package-info.js";
import type { RenderOptions } from "../report/shared/options.js";
import { type Format, formatsOf, type Registry, render } from "../report/shared/render.js";
import { type CliIo, checkWritable, refuseInput, writeFileAtomic } from "./io.js";
import { expandScenarioPaths } from "./scenario-files.js";

/** Where a command's text goes and how it looks: `--output`, `--force`, `--no-color`. */
export interface OutputOptionValues {
  /** `-o, --output FILE`: written all at once; `-` or none: stdout. */
  output?: string;
  /** `--force`: replace an existing `--output` file. */
  force: boolean;
  /** false under `--no-color`. */
  color: boolean;
  /** `--bom` / `--no-bom`: a UTF-8 byte-order mark before CSV; unset, one only for `-o *.csv`. */
  bom?: boolean;
}

/** A command that draws a report also takes `--format`. */
export interface ReportOptionValues extends OutputOptionValues {
  format: Format;
}

/** `-f, --format`, its choices the formats the report's registry has. */
export const formatOption = (registry: Registry<never>) =>
  new Option("-f, --format <format>", "output format").choices(formatsOf(registry)).default("table");

/**
 * The output options, and their check before the command's action: every refusal of `-o`
 * that can be known before the report exists (an existing file without --force, a folder,
 * a device, a missing or read-only folder, `-o ''`, a file the command reads) comes before
 * any input is read or anything computed. `reads.arguments`: the command's arguments are
 * files it reads (scenarios, folders of them, a saved result), not names such as a model id.
 */
export function outputOptions(command: Command, reads: { arguments: boolean } = { arguments: false }): Command {
  return command
    .hook("preAction", (hooked) => checkOutput(hooked, reads.arguments))
    .option("-o, --output <file>", "write the report to a file, atomically (refuses to replace one without --force)")
    .option("--force", "replace an existing --output file", false)
    .option("--no-color", "no ANSI colours (also: NO_COLOR=1)")
    .option("--bom", "start CSV with a UTF-8 byte-order mark, so that Excel and LibreOffice read non-ASCII text (default with -o FILE.csv)")
    .option("--no-bom", "no byte-order mark, even with -o FILE.csv");
}

/**
 * Excel and LibreOffice read CSV without a byte-order mark as the system's 8-bit code page,
 * garbling "豆包 推广"; with one, as UTF-8. A file named *.csv is most likely opened there, so
 * it gets one unless --no-bom; stdout only with --bom (a pipe to a script wants plain text).
 */
function withBom(text: string, options: { format: Format; output?: string; bom?: boolean }): string {
  if (options.format !== "csv") return text;
  const wanted = options.bom ?? (options.output !== undefined && /\.csv$/i.test(options.output));
  return wanted ? `\uFEFF${text}` : text;
}

/** Colour only on a terminal, never under NO_COLOR, --no-color or TERM=dumb; FORCE_COLOR forces it on. */
function useColor(io: CliIo, colorOption: boolean): boolean {
  if (!colorOption) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  // A terminal that declares itself dumb (Emacs shell, some CI logs) shows escapes as garbage.
  if (io.env.TERM === "dumb") return false;
  return io.stdoutIsTTY;
}

/** How a command's report is drawn: coloured only when it goes to the terminal (never into --output), as wide as the terminal. */
function renderOptionsFor(io: CliIo, options: { output?: string; color: boolean }): RenderOptions {
  return {
    color: options.output === undefined && useColor(io, options.color),
    width: io.columns,
    version: packageVersion(),
    date: io.today,
  };
}

/** The file `--output` names; undefined for stdout (`-` or no `--output`). */
function outputFile(output: string | undefined): string | undefined {
  if (output === "") throw new UserError("--output needs a file name (or - for stdout)");
  return output === "-" ? undefined : output;
}

/** What `emit` would refuse at the end, asked first (`emit` still asks: a file may appear meanwhile); and never a file `command` reads. */
function checkOutput(command: Command, argumentsAreFiles: boolean): void {
  const options = command.opts<OutputOptionValues>();
  const file = outputFile(options.output);
  if (file === undefined) return;
  checkWritable(file, options.force);
  refuseInput(file, commandLineInputs(command, argumentsAreFiles));
}

/**
 * The files a command will read, as its command line names them: its arguments where they are files (a folder as
 * the scenarios in it; none: stdin, which `run` reads when it has data), `--prices`, `--baseline`.
 */
function commandLineInputs(command: Command, argumentsAreFiles: boolean): string[] {
  const { prices, baseline } = command.opts<{ prices?: string; baseline?: string }>();
  const named = argumentsAreFiles ? command.processedArgs.flat().filter((arg): arg is string => typeof arg === "string") : [];
  const scenarios = argumentsAreFiles && named.length === 0 ? ["-"] : expandScenarioPaths(named).map((path) => path.file);
  return [...scenarios, ...[prices, baseline].filter((file) => file !== undefined)];
}

/** To stdout, or all at once to `--output`. */
export function emit(text: string, options: { output?: string; force: boolean }, io: CliIo): void {
  const file = outputFile(options.output);
  if (file === undefined) {
    io.stdout(text);
    return;
  }
  // The files the command line names were checked before anything was read (checkOutput); a scenario's own price map is known only now.
  refuseInput(file, io.filesRead ?? []);
  writeFileAtomic(file, text, options.force);
}

/** `data` drawn in `--format` by the report's registry, then emitted. */
export async function emitReport<T>(registry: Registry<T>, data: T, options: ReportOptionValues, io: CliIo): Promise<void> {
  emit(withBom(await render(registry, options.format, data, renderOptionsFor(io, options)), options), options, io);
}
