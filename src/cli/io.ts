import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { UserError } from "../lib/errors.js";
import { isoDay } from "../lib/date.js";
import { describeFsError, STDIN_NAME } from "../lib/read.js";
import type { ProcessStdout } from "./stdout.js";

/** Everything a command touches outside itself, so that tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Uint8Array;
  /** Whether stdin is a pipe or a file (`cat a.yaml | llm-cac run`), not a terminal or /dev/null; absent: neither. */
  stdinHasData?: () => boolean;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  /**
   * Whether stderr is a terminal (progress is shown only there); absent: no. Asked only
   * when a command may show progress, and then answered without process.stderr where fstat
   * shows no character device: the stream, for a pipe (CI, a test harness), loads Node's
   * `net` module, some 3 ms of a run that may never write to stderr.
   */
  stderrIsTTY?: () => boolean;
  columns: number;
  cwd: string;
  /** Today as YYYY-MM-DD, for the age of catalog prices. */
  today: string;
  /**
   * Files a command read that its command line does not name (a scenario's
   * `inference.prices_file`), added as they are read: `-o` never replaces one (output.ts).
   * runCli gives each run its own; absent: nothing recorded.
   */
  filesRead?: string[];
}

/** Where stdout is no terminal and `COLUMNS` is not set, reports are laid out for this many columns. */
const DEFAULT_COLUMNS = 80;

/**
 * The columns reports are laid out for: the terminal's width on a TTY; when piped,
 * `COLUMNS` if it is a whole number above 0 (the shell convention), else 80.
 */
export function terminalColumns(ttyColumns: number | undefined, columnsVariable: string | undefined): number {
  if (ttyColumns !== undefined && ttyColumns > 0) return ttyColumns;
  const fromVariable = /^\s*\d+\s*$/.test(columnsVariable ?? "") ? Number(columnsVariable) : 0;
  return fromVariable > 0 ? fromVariable : DEFAULT_COLUMNS;
}

/** The process's own io, writing to `stdout`. */
export function processIo(stdout: ProcessStdout): CliIo {
  return {
    stdout: (text) => stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: readStdinBytes,
    stdinHasData: stdinIsPipeOrFile,
    env: process.env,
    stdoutIsTTY: stdout.isTTY,
    stderrIsTTY: stderrIsTerminal,
    columns: terminalColumns(stdout.columns, process.env.COLUMNS),
    cwd: process.cwd(),
    today: isoDay(new Date()),
  };
}

/**
 * A pipe or a regular file on stdin is input, as jq and yq take it (a pipe from another
 * process, as Node and many CI runners make it, is a socket); a terminal, /dev/null (a
 * device) or a closed stdin is not.
 */
function stdinIsPipeOrFile(): boolean {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isFile() || stats.isSocket();
  } catch {
    return false;
  }
}

/**
 * Whether stderr is a terminal. A terminal is a character device: anything else (a pipe, a
 * file, a socket, as in CI or under a test harness) is known not to be one by fstat, without
 * making process.stderr, which for a pipe loads Node's `net` module.
 */
function stderrIsTerminal(): boolean {
  try {
    if (!fstatSync(2).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stderr.isTTY === true;
}

/** More than a price map may be (the larger of the two things read from stdin): reading stops there. */
const MAX_STDIN_BYTES = 64 * 1024 * 1024 + 1;

/**
 * Stdin's bytes, read in pieces up to a bound, so that `run - < /dev/zero` ends in a
 * message instead of filling the memory; a folder (`run - < dir`) or a read error is a
 * UserError about `<stdin>`.
 */
function readStdinBytes(): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    if (fstatSync(0).isDirectory()) throw UserError.inFile(STDIN_NAME, "is a directory, not a file");
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      const count = readChunk(chunk);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
      // Past the bound the caller's size check reports it; nothing more is needed.
      if (total >= MAX_STDIN_BYTES) break;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw UserError.inFile(STDIN_NAME, describeFsError(error));
  }
  return Buffer.concat(chunks, total);
}

/** One read of stdin; a non-blocking stdin with nothing yet to read is waited for, briefly, and read again. */
function readChunk(buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EOF") return 0;
      if (code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** The file system calls `writeFileAtomic` makes that tests replace, to act out a file system without hard links. */
export interface AtomicWriteFs {
  link: (existingPath: string, newPath: string) => void;
  writeFile: (fd: number, text: string) => void;
}

const NODE_FS: AtomicWriteFs = { link: linkSync, writeFile: (fd, text) => writeFileSync(fd, text) };

/**
 * How a write's refusals and failures name what is written and what named the file, so
 * that each says what the user can change: `--output` for a report, `init`'s FILE for the starter.
 */
export interface WriteWords {
  /** What is written, for "cannot write ...". */
  written: string;
  /** What to do where the path is a folder. */
  folderHint: string;
  /** What to do where the path is a device or a pipe. */
  notAFileHint: string;
}

/** The words of a report written with `--output FILE`. */
const OUTPUT_WORDS: WriteWords = {
  written: "the report",
  folderHint: "give a file name to --output",
  notAFileHint: "--output writes files only (use a shell redirection for devices and pipes)",
};

/** What a `link` that the file system does not offer fails with (FAT, some SMB and FUSE mounts). */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/**
 * Writes `text` to `path` all at once or not at all: into a temporary file beside it,
 * then moved into place. Without `force` an existing file is never replaced, and the
 * check is the link itself, so no other writer can slip in between; where the file
 * system has no hard links, an exclusive create (O_EXCL) keeps that promise instead.
 * With `force`, the file replaced keeps its permissions (a 0600 report stays private).
 */
export function writeFileAtomic(
  path: string,
  text: string,
  force: boolean,
  fs: AtomicWriteFs = NODE_FS,
  words: WriteWords = OUTPUT_WORDS,
): void {
  const existing = statOrUndefined(path);
  refuseTarget(path, existing, force, words);
  const temp = temporaryPath(path);
  try {
    writeNewFile(temp, text, fs, existing === undefined ? undefined : existing.mode & 0o7777);
    if (force) {
      renameSync(temp, path);
      return;
    }
    try {
      fs.link(temp, path);
    } catch (error) {
      if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      writeExclusive(path, text, fs);
    }
    unlinkSync(temp);
  } catch (error) {
    removeQuietly(temp);
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw alreadyExists(path);
    throw cannotWrite(path, error, words);
  }
}

/** How much of the name a temporary file keeps: with its dot, pid, clock and `.tmp` it stays within NAME_MAX (255 bytes) for any name that does. */
const TEMP_NAME_KEPT = 200;

/**
 * The temporary file beside `path`, unique enough with the pid and the clock ("wx" refuses
 * any clash rather than sharing a file); a long name is cut, so that any name the file
 * system takes can be written.
 */
function temporaryPath(path: string): string {
  const name = Buffer.from(basename(path)).subarray(0, TEMP_NAME_KEPT).toString();
  return join(dirname(path), `.${name}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/**
 * What `writeFileAtomic(path, ..., force)` can be seen to refuse before there is any text to
 * write, in its words: a command asks this before it reads or computes anything, so that a
 * sweep of minutes does not end in "already exists". The write checks again (a file may
 * appear meanwhile); only its link or O_EXCL is the real guard.
 */
export function checkWritable(path: string, force: boolean, words: WriteWords = OUTPUT_WORDS): void {
  const existing = statOrUndefined(path);
  refuseTarget(path, existing, force, words);
  // A symbolic link to nothing: the link at write time would fail with EEXIST.
  if (!force && existing === undefined && isLink(path)) throw alreadyExists(path);
  refuseFolder(path, words);
  refuseLongName(path, words);
}

/** The refusals that need only what is at `path` now: a folder, a device or pipe, or (without `force`) a file. */
function refuseTarget(path: string, existing: Stats | undefined, force: boolean, words: WriteWords): void {
  if (existing?.isDirectory()) throw new UserError(`${path}: is a directory; ${words.folderHint}`);
  // A name that does not exist yet with a slash is a folder's: the link would fail only after the compute, as "no such file".
  if (path.endsWith("/") || path.endsWith(sep)) throw new UserError(`${path}: ends in a slash; ${words.folderHint}`);
  // Renaming over a device or a pipe would replace it with a plain file (as root, even /dev/null).
  if (existing !== undefined && !existing.isFile()) throw new UserError(`${path}: not a regular file; ${words.notAFileHint}`);
  if (!force && existing !== undefined) throw alreadyExists(path);
}

/**
 * Refuses an `--output` that would replace a file the command reads (`run app.yaml -o
 * app.yaml --force` would leave the report and lose the scenario), `-` being stdin. What
 * counts is the name `path` itself: a symbolic link there is replaced, not written
 * through, so it may point to an input; a hard link to one is refused all the same.
 */
export function refuseInput(path: string, inputs: readonly string[]): void {
  const output = lstatOrUndefined(path);
  if (output === undefined) return;
  for (const input of inputs) {
    const read = input === "-" ? statsOrUndefined(() => fstatSync(0)) : statOrUndefined(input);
    if (read !== undefined && read.dev === output.dev && read.ino === output.ino) {
      throw new UserError(`${path}: is a file this command reads; --output never replaces its input, even with --force`);
    }
  }
}

/** What creating the temporary file in `path`'s folder would certainly fail with; anything less certain is left to the write. */
const CERTAIN_FOLDER_FAILURES = new Set(["ENOENT", "ENOTDIR", "EACCES", "EROFS"]);

/** A folder that is missing, not a folder, or not writable, as the write would report it. */
function refuseFolder(path: string, words: WriteWords): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error(`${folder}: not a directory`), { code: "ENOTDIR" });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    if (CERTAIN_FOLDER_FAILURES.has((error as NodeJS.ErrnoException).code ?? "")) throw cannotWrite(path, error, words);
  }
}

/** A name longer than the file system takes (NAME_MAX, PATH_MAX): the link or rename would fail with it, after the compute. */
function refuseLongName(path: string, words: WriteWords): void {
  try {
    lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENAMETOOLONG") throw cannotWrite(path, error, words);
  }
}

function alreadyExists(path: string): UserError {
  return new UserError(`${path}: already exists; add --force to replace it`);
}

function cannotWrite(path: string, error: unknown, words: WriteWords): UserError {
  return new UserError(`${path}: cannot write ${words.written}: ${describeFsError(error, "write")}`);
}

/** A file that must not exist yet, written and synced: 0644 less the umask, or `mode` (a replaced file's) exactly. */
function writeNewFile(path: string, text: string, fs: AtomicWriteFs, mode?: number): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    fs.writeFile(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Without hard links: `path` created only if it is not there (O_EXCL), and removed again if the write fails half-way. */
function writeExclusive(path: string, text: string, fs: AtomicWriteFs): void {
  try {
    writeNewFile(path, text, fs);
  } catch (error) {
    // EEXIST: another writer's file, not ours to remove.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") removeQuietly(path);
    throw error;
  }
}

/** What `path` is (following a symbolic link), or undefined where nothing is there. */
function statOrUndefined(path: string): Stats | undefined {
  return statsOrUndefined(() => statSync(path));
}

/** What is at `path` itself (a symbolic link, not what it points to), or undefined where nothing is there. */
function lstatOrUndefined(path: string): Stats | undefined {
  return statsOrUndefined(() => lstatSync(path));
}

/** What `stat` finds; undefined where it finds nothing or cannot look (a closed stdin, a missing folder). */
function statsOrUndefined(stat: () => Stats): Stats | undefined {
  try {
    return stat();
  } catch {
    return undefined;
  }
}

function isLink(path: string): boolean {
  return lstatOrUndefined(path)?.isSymbolicLink() === true;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing was created, or it is already gone: either way nothing is left behind.
  }
}
