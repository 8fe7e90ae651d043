import { resolve } from "node:path";
import { UserError } from "../lib/errors.js";
import { readRegularFile, STDIN_NAME } from "../lib/read.js";
import { looksLikeSavedResult, parseBaseline } from "../result/baseline.js";
import type { JsonResult } from "../result/json-result.js";
import type { CliIo } from "./io.js";

/** A results file is a baseline in JSON (`run --format json -o base.json`) where a scenario would be YAML. */
export function isSavedResult(path: string): boolean {
  return /\.json$/i.test(path);
}

/** Results are larger than a scenario (a timeline of 3,650 days), yet far below this. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/**
 * The results saved in `path`, relative to the working folder, or (`-`) piped to stdin
 * (`llm-cac run a.yaml --format json | llm-cac check b.yaml --baseline -`); every failure
 * a UserError naming the file.
 */
export function readBaseline(path: string, io: CliIo): JsonResult[] {
  if (path === "-") {
    const piped = io.readStdin();
    if (piped.length > MAX_BASELINE_BYTES) {
      throw UserError.inFile(STDIN_NAME, `the baseline is ${piped.length} bytes; a baseline may be at most ${MAX_BASELINE_BYTES} bytes`);
    }
    return parseBaseline(utf8(piped), STDIN_NAME);
  }
  return parseBaseline(utf8(baselineFile(path, io)), path);
}

/**
 * What a BASE not named `.json` holds: a saved result, recognised by its content
 * (looksLikeSavedResult: `compare - new.yaml < base.json`, a result saved as `base.out`),
 * with the name its problems are reported under; or a scenario, and the `io` to read it
 * with (stdin, read here once, is handed over as read). A file that cannot be read is
 * left to the scenario's reading, which reports it as it always has.
 */
export function readBase(path: string, io: CliIo): { saved: JsonResult[]; name: string } | { io: CliIo } {
  if (path === "-") {
    const bytes = io.readStdin();
    const text = savedResultText(bytes);
    if (text !== undefined) return { saved: parseBaseline(text, STDIN_NAME), name: STDIN_NAME };
    return { io: { ...io, readStdin: () => bytes } };
  }
  let bytes: Uint8Array;
  try {
    bytes = baselineFile(path, io);
  } catch {
    return { io };
  }
  const text = savedResultText(bytes);
  return text === undefined ? { io } : { saved: parseBaseline(text, path), name: path };
}

/** The bytes of the file `path` names, relative to the working folder, read as a baseline (at most MAX_BASELINE_BYTES). */
function baselineFile(path: string, io: CliIo): Uint8Array {
  return readRegularFile(resolve(io.cwd, path), { name: path, maxBytes: MAX_BASELINE_BYTES, kind: "baseline" }).bytes;
}

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The text of `bytes` when it is a saved result (at most MAX_BASELINE_BYTES), else undefined. */
function savedResultText(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_BASELINE_BYTES) return undefined;
  const text = utf8(bytes);
  return looksLikeSavedResult(text) ? text : undefined;
}
