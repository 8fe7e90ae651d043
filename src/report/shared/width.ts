/**
 * Terminal columns, for renderers that must fit the width they are given (`COLUMNS`, the
 * TTY's width, 80 when piped without it).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /\p{Mn}|\p{Me}|[\u200B-\u200F]|\uFE0F/u;

/** `text` without its ANSI colour codes. */
export function withoutColour(text: string): string {
  return text.replace(ANSI, "");
}

/** Columns a string takes on a terminal: colour codes none, East Asian wide characters two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of withoutColour(text)) width += WIDE.test(char) ? 2 : ZERO_WIDTH.test(char) ? 0 : 1;
  return width;
}

/**
 * Words of `text` on lines of at most `width` columns, continuation lines indented by
 * `indent`; a word longer than a line stays whole on its own line.
 */
export function wrapText(text: string, width: number, indent = ""): string[] {
  const lines: string[] = [];
  let line: string | null = null;
  for (const word of text.split(" ")) {
    if (line === null) {
      line = word;
      continue;
    }
    const candidate: string = `${line} ${word}`;
    if (line.trim() !== "" && word !== "" && displayWidth(candidate) > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = candidate;
    }
  }
  lines.push(line ?? "");
  return lines;
}
