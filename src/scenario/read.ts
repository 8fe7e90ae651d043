import { readFileSync, statSync } from "node:fs";
import { UserError } from "../errors.js";

/** The text of a scenario and the name its problems are reported under. */
export interface ScenarioSource {
  file: string;
  text: string;
}

/** A scenario is a page of YAML; anything this large is a mistake, not a scenario. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

export const STDIN_NAME = "<stdin>";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeScenario(bytes: Uint8Array, file: string): ScenarioSource {
  if (bytes.length > MAX_SCENARIO_BYTES) {
    throw UserError.inFile(file, `the file is ${bytes.length} bytes; a scenario may be at most ${MAX_SCENARIO_BYTES} bytes`);
  }
  try {
    return { file, text: utf8.decode(bytes) };
  } catch {
    throw UserError.inFile(file, "not valid UTF-8 text (save the scenario as UTF-8)");
  }
}

/** Reads a scenario file, turning every way that can fail into a message about the file. */
export function readScenarioFile(path: string): ScenarioSource {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw UserError.inFile(path, "is a directory, not a scenario file");
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw UserError.inFile(path, describeFsError(error));
  }
  return decodeScenario(bytes, path);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return `cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
