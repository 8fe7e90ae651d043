import { UserError } from "./errors.js";

/**
 * JSON text to a value; a syntax error at its line and column where the engine says where.
 * The engine's message quotes the text around the error, and the file may be any file a
 * user names (`--prices`, `--baseline`: a token, /proc/self/environ): the message never
 * shows the file's text. `hint` says what the file should have been.
 */
export function parseJsonText(text: string, name: string, hint: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const reason = "invalid JSON: a syntax error (the file's text is not shown)";
    if (position === null) throw UserError.fromProblems([{ file: name, message: reason, hint }]);
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const col = before.length - before.lastIndexOf("\n");
    throw UserError.fromProblems([{ file: name, line, col, message: reason, hint }]);
  }
}
