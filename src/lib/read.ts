import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { UserError } from "./errors.js";

/** The text of a scenario and the name its problems are reported under. */
export interface ScenarioSource {
  file: string;
  text: string;
}

/** A scenario is a page of YAML; anything this large is a mistake, not a scenario. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

export const STDIN_NAME = "<stdin>";

/**
 * The text of UTF-8 `bytes` without a byte-order mark, as a fatal TextDecoder gives it, or a
 * UserError. Not TextDecoder itself: making its first fatal decoder costs a run 0.3 ms.
 */
export function decodeScenario(bytes: Uint8Array, file: string): ScenarioSource {
  if (bytes.length > MAX_SCENARIO_BYTES) tooLarge(file, bytes.length);
  if (!isUtf8(bytes)) throw UserError.inFile(file, "not valid UTF-8 text (save the scenario as UTF-8)");
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return { file, text: text.startsWith("\uFEFF") ? text.slice(1) : text };
}

function tooLarge(file: string, bytes: number, maxBytes = MAX_SCENARIO_BYTES, kind = "scenario"): never {
  throw UserError.inFile(file, `the file is ${bytes} bytes; a ${kind} may be at most ${maxBytes} bytes`);
}

/** Reads a scenario file, turning every way that can fail into a message about the file. */
export function readScenarioFile(path: string): ScenarioSource {
  return decodeScenario(readRegularFile(path, { name: path, maxBytes: MAX_SCENARIO_BYTES, kind: "scenario file" }).bytes, path);
}

/**
 * The bytes of a regular file of at most `maxBytes`, and when it was changed; a folder,
 * a pipe or a device (which would block the read, or never end it: /dev/zero), a file
 * too large, or any error of the file system is a UserError naming the file as `name`.
 */
export function readRegularFile(
  path: string,
  options: { name: string; maxBytes: number; kind: string },
): { bytes: Buffer; modified: Date } {
  const { name } = options;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw UserError.inFile(name, `is a directory, not a ${options.kind}`);
    if (!stats.isFile()) throw UserError.inFile(name, "not a regular file (a pipe, device or socket); use - to read stdin");
    if (stats.size > options.maxBytes) tooLarge(name, stats.size, options.maxBytes, options.kind);
    return { bytes: readFileSync(path), modified: stats.mtime };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw UserError.inFile(name, describeFsError(error));
  }
}

/** What went wrong with a file, in words; `verb` says what was being done, for errors without words of their own. */
export function describeFsError(error: unknown, verb: "read" | "write" = "read"): string {
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
    case "ENOSPC":
      return "no space left on the device (ENOSPC)";
    case "EDQUOT":
      return "over the disk quota (EDQUOT)";
    case "EIO":
      return "input/output error on the device (EIO)";
    case "EROFS":
      return "a read-only file system (EROFS)";
    default:
      return `cannot ${verb} (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
