import { type Command, Option } from "commander";
import { FORMATS } from "../report/index.js";

/** Options shared by several commands, defined once so they read the same everywhere. */
export const formatOption = () => new Option("-f, --format <format>", "output format").choices(FORMATS).default("table");

export const timelineOption = () => new Option("--timeline <period>", "add the calendar per period").choices(["month", "day"]);

export function outputOptions(command: Command): Command {
  return command
    .option("-o, --output <file>", "write the report to a file, atomically (refuses to replace one without --force)")
    .option("--force", "replace an existing --output file", false)
    .option("--no-color", "no ANSI colours (also: NO_COLOR=1)");
}
