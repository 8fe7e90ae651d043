/**
 * Control characters in text that reaches a terminal or a log. A scenario's name, a
 * channel's, a file name or a quoted value could otherwise move the cursor, erase a line
 * and print a forged "PASS" (ESC, CR, BS), or start a new `check` line (LF). Shown
 * visibly instead, in the form a JavaScript or YAML string would escape them.
 */

/**
 * C0 controls, DEL and C1 controls (U+0080-U+009F); and the invisible characters that
 * reorder or break a line as shown ("Trojan Source"): the bidirectional marks, embeddings,
 * overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069) and the
 * line and paragraph separators (U+2028, U+2029). A name could otherwise show reversed.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** `text` with every control character written out: `\x1b`, `\n`, `\r`, `\t`, `\x7f`, `\x9b`, `\u202e`. */
export function showControls(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}

/**
 * `value` with every string in it (in arrays and plain objects, at any depth) passed
 * through `showControls`; other values as they are. For the reports a terminal shows:
 * every string a renderer prints came from the data, so none is missed.
 */
export function showControlsIn<T>(value: T): T {
  if (typeof value === "string") return showControls(value) as T;
  if (Array.isArray(value)) return value.map(showControlsIn) as T;
  if (value !== null && typeof value === "object") {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [showControls(key), showControlsIn(item)])) as T;
  }
  return value;
}

/**
 * Characters YAML does not allow raw in a file (YAML 1.2, 5.1 c-printable): the C0
 * controls but tab, LF and CR, DEL, and the C1 controls but NEL. Inside a double-quoted
 * string they may still be written as escapes (`"\x1b"`), which this does not see.
 */
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f]/;

/** The first character YAML does not allow raw, with its offset, or undefined. */
export function firstNonPrintable(text: string): { offset: number; char: string } | undefined {
  const match = NOT_PRINTABLE.exec(text);
  return match === null ? undefined : { offset: match.index, char: match[0] };
}

/** The control characters people know by name, by code. */
const CONTROL_NAMES: Readonly<Record<number, string>> = { 0: "NUL", 7: "BEL", 8: "BS", 27: "ESC", 127: "DEL" };

/** How a control character is named in a message: `NUL (\x00)`, `ESC (\x1b)`, `\x85`. */
export function describeControl(char: string): string {
  const code = char.charCodeAt(0);
  const name = CONTROL_NAMES[code];
  return name === undefined ? `the control character ${showControls(char)}` : `${name} (${showControls(char)})`;
}
