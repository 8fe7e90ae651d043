import { fstatSync, statSync, writeSync } from "node:fs";

/**
 * The process's stdout, for main.ts. Node makes `process.stdout` at its first use: a
 * SyncWriteStream for a file or /dev/null, a net.Socket for a pipe, which loads the `net`
 * and `stream` modules, some 3-5 ms of a run's start-up. Where stdout is a file, a pipe,
 * a socket or /dev/null, the text goes to file descriptor 1 with writeSync instead: a
 * blocking pipe waits for its reader, and a write cut short (a file size limit, a full
 * disk) is an error, where SyncWriteStream took it for a whole one. Anything else (a
 * terminal, another device, Windows) gets `process.stdout`, and so does the rest of the
 * text once a pipe another process made non-blocking is full (EAGAIN).
 */
export class ProcessStdout {
  private stream: NodeJS.WriteStream | undefined;
  /** Where each piece of text is encoded for writeSync, made at the first write. */
  private buffer: Buffer | undefined;
  private failure: NodeJS.ErrnoException | undefined;
  private readonly direct = isNoTerminal();

  /** `onClosedPipe` ends the process: a reader that closed the pipe (`| head -1`) needs no more. */
  constructor(private readonly onClosedPipe: () => void) {}

  get isTTY(): boolean {
    return !this.direct && this.streamed().isTTY === true;
  }

  /** The terminal's width, where stdout is one. */
  get columns(): number | undefined {
    return this.isTTY ? this.streamed().columns : undefined;
  }

  write(text: string): void {
    if (this.failure !== undefined) return;
    if (!this.direct || this.stream !== undefined) {
      this.streamed().write(text);
      return;
    }
    // A piece of PIECE UTF-16 units at a time through one buffer: encoding a report of megabytes
    // whole would fill as many fresh pages, each a page fault, for bytes that are written once.
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + PIECE, text.length);
      // Never between the two halves of a character: each would be written as U+FFFD.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      if (!this.writeDirectly(text, start, end)) return;
      start = end;
    }
  }

  /** Writes text[start, end) to file descriptor 1; false where it could not, and what is left went to the stream or nowhere. */
  private writeDirectly(text: string, start: number, end: number): boolean {
    // Room for the whole piece, which Buffer#write would otherwise cut short without a word:
    // UTF-8 takes at most 3 bytes a UTF-16 unit (4 for a pair of 2, 3 for a lone half as U+FFFD).
    const room = BYTES_PER_UNIT * (end - start);
    if (this.buffer === undefined || this.buffer.length < room) this.buffer = Buffer.allocUnsafe(room);
    const length = this.buffer.write(text.slice(start, end), "utf8");
    let offset = 0;
    try {
      while (offset < length) offset += writeSync(1, this.buffer, offset, length - offset);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN") {
        this.failed(error as NodeJS.ErrnoException);
        return false;
      }
      // A pipe whose other end another process made non-blocking: the stream waits where writeSync cannot.
      // The buffer is not written into again: from now on every write goes to the stream.
      const stream = this.streamed();
      stream.write(this.buffer.subarray(offset, length));
      if (end < text.length) stream.write(text.slice(end));
      return false;
    }
  }

  /** Once everything written has gone out: the first error writing it, if any. */
  async finished(): Promise<NodeJS.ErrnoException | undefined> {
    const stream = this.stream;
    if (stream !== undefined && !stream.destroyed) await new Promise<void>((resolve) => stream.write("", () => resolve()));
    return this.failure;
  }

  private streamed(): NodeJS.WriteStream {
    if (this.stream === undefined) {
      this.stream = process.stdout;
      this.stream.on("error", (error: NodeJS.ErrnoException) => this.failed(error));
    }
    return this.stream;
  }

  private failed(error: NodeJS.ErrnoException): void {
    if (error.code === "EPIPE") this.onClosedPipe();
    this.failure ??= error;
  }
}

/** UTF-16 units of text encoded and written at a time. */
export const PIECE = 64 * 1024;

/** The most bytes one UTF-16 unit takes in UTF-8. */
const BYTES_PER_UNIT = 3;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/**
 * Whether stdout is a file, a pipe, a socket or the null device, which writeSync serves as
 * well as Node's stream. /dev/null is a character device as a terminal is, and is known by
 * its device number; a descriptor fstat fails on is left to the stream.
 */
function isNoTerminal(): boolean {
  if (process.platform === "win32") return false;
  try {
    const stats = fstatSync(1);
    if (stats.isFile() || stats.isFIFO() || stats.isSocket()) return true;
    return stats.isCharacterDevice() && stats.rdev === statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}
