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
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(1, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A pipe whose other end another process made non-blocking: the stream waits where writeSync cannot.
      if (code === "EAGAIN") this.streamed().write(bytes.subarray(offset));
      else this.failed(error as NodeJS.ErrnoException);
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
