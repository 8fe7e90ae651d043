import { UserError } from "./errors.js";

/** `text` without the byte-order mark an editor may put before a file's first character. */
export function withoutByteOrderMark(text: string): string {
  return text.replace(/^\uFEFF/, "");
}

/**
 * JSON text to a value, a byte-order mark before it ignored; a syntax error at its line and
 * column where the engine says where. The engine's message quotes the text around the error, and the file may be any file a
 * user names (`--prices`, `--baseline`: a token, /proc/self/environ): the message never
 * shows the file's text. `hint` says what the file should have been.
 */
export function parseJsonText(text: string, name: string, hint: string): unknown {
  const json = withoutByteOrderMark(text);
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const reason = "invalid JSON: a syntax error (the file's text is not shown)";
    if (position === null) throw UserError.fromProblems([{ file: name, message: reason, hint }]);
    const before = json.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const col = before.length - before.lastIndexOf("\n");
    throw UserError.fromProblems([{ file: name, line, col, message: reason, hint }]);
  }
}
