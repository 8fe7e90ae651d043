import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, type Stats, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.js";
import type { RenderOptions } from "../report/options.js";
import { describeFsError } from "../scenario/read.js";

/** Everything a command touches outside itself, so that tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Uint8Array;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  columns: number;
  cwd: string;
  /** Today as YYYY-MM-DD, for the age of catalog prices. */
  today: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: () => readFileSync(0),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 80,
    cwd: process.cwd(),
    today: new Date().toISOString().slice(0, 10),
  };
}

/** Colour only on a terminal, never under NO_COLOR or --no-color; FORCE_COLOR forces it on. */
export function useColor(io: CliIo, colorOption: boolean): boolean {
  if (!colorOption) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return io.stdoutIsTTY;
}

/** How a command's report is drawn: coloured only when it goes to the terminal (never into --output), as wide as the terminal. */
export function renderOptionsFor(io: CliIo, options: { output?: string; color: boolean }): RenderOptions {
  return { color: options.output === undefined && useColor(io, options.color), width: io.columns };
}

/**
 * Writes `text` to `path` all at once or not at all: into a temporary file beside it,
 * then moved into place. Without `force` an existing file is never replaced, and the
 * check is the link itself, so no other writer can slip in between.
 */
export function writeFileAtomic(path: string, text: string, force: boolean): void {
  const existing = statOrUndefined(path);
  if (existing?.isDirectory()) throw new UserError(`${path}: is a directory; give a file name to --output`);
  // Renaming over a device or a pipe would replace it with a plain file (as root, even /dev/null).
  if (existing !== undefined && !existing.isFile()) {
    throw new UserError(`${path}: not a regular file; --output writes files only (use a shell redirection for devices and pipes)`);
  }
  if (!force && existing !== undefined) throw new UserError(`${path}: already exists; add --force to replace it`);
  // Unique enough with the pid and the clock; "wx" below refuses any clash rather than sharing a file.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = openSync(temp, "wx", 0o644);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (force) {
      renameSync(temp, path);
    } else {
      linkSync(temp, path);
      unlinkSync(temp);
    }
  } catch (error) {
    removeQuietly(temp);
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new UserError(`${path}: already exists; add --force to replace it`);
    throw new UserError(`${path}: cannot write the report: ${describeFsError(error)}`);
  }
}

/** What `path` is (following a symbolic link), or undefined where nothing is there. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing was created, or it is already gone: either way nothing is left behind.
  }
}
