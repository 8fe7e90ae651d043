/**
 * The value of a YAML text written in the plain block style of the scenario files, read
 * in one quick pass; `undefined` for anything else, which the `yaml` package then reads
 * (document.ts). Start-up time: `yaml`'s lexer, parser and composer take 8-15 ms a
 * file, this pass well under one, and `check data/scenarios` reads six files.
 *
 * What it reads, and nothing more: a mapping at the top; block mappings and lists
 * nested by spaces; keys of letters, digits, `_`, `.` and `-`; plain, single- and
 * double-quoted (no escapes) values on one line; `{ key: value }` and `[a, b]` on one
 * line, nested or not; `|`, `|-`, `>` and `>-` blocks whose lines are all indented alike; comments.
 * A plain value is read as the YAML 1.2 core schema reads it (null, booleans, decimal
 * numbers, else text), exactly as `yaml` does. Whatever this pass might read otherwise
 * than `yaml` (tabs, CR, anchors, tags, escapes, a key twice, `__proto__`, multi-line
 * plain values, `0x10`, `.inf`, deep nesting) makes it decline, so that every value it
 * returns equals `yaml`'s (a differential test checks it on the presets, the YAML test
 * suite and their mutations), and every error is `yaml`'s own, at its line and column.
 */
export function plainYamlValue(text: string): Record<string, unknown> | undefined {
  if (DECLINED_CHARACTERS.test(text) || DOCUMENT_MARKER.test(text)) return undefined;
  const reader = new BlockReader(text);
  try {
    const first = reader.peek();
    if (first === undefined || first.text.startsWith("-")) return undefined;
    const value = reader.mapping(first.indent, 0);
    return reader.peek() === undefined ? value : undefined;
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/**
 * Tabs, CR, a byte-order mark, NEL, the Unicode line separators, and the white space
 * other than the space that JavaScript's trim removes but YAML keeps as text (a no-break
 * space): without them, trimming a line here is trimming its YAML spaces.
 */
const DECLINED_CHARACTERS = /[\t\r\v\f\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]/;
/** A line starting `---`, `...` or `%`: a document's start or end, or a directive. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;
/** Collections nested deeper than this are left to `yaml` (document.ts reports them past its MAX_DEPTH); a scenario is a few levels deep. */
const MAX_PLAIN_DEPTH = 24;
/**
 * A key as written in a scenario: a name of at most 100 characters (far below `yaml`'s
 * limit of 1,024 for an implicit key), or a whole number written as JavaScript writes it
 * (`yaml` reads `1` as a number, and the object's key is then "1" again).
 */
const KEY_TEXT = "([A-Za-z_][A-Za-z0-9_.-]{0,99}|0|[1-9][0-9]{0,14})";
const KEY = new RegExp(`^${KEY_TEXT}:(?: +|$)`);
const FLOW_KEY = new RegExp(`^${KEY_TEXT}: +`);
/** Keys the core schema reads as null or a boolean, or JavaScript would drop. */
const SPECIAL_KEYS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "__proto__"]);
const DECLINE = Symbol("decline");

function decline(): never {
  throw DECLINE;
}

interface Line {
  indent: number;
  /** The line after its indentation, comments included. */
  text: string;
}

/** The text as lines, read from the top; a list item's mapping is read as a line of its own at the key's column. */
class BlockReader {
  private readonly lines: Line[];
  private next = 0;

  constructor(text: string) {
    this.lines = text.split("\n").map((line) => {
      const indent = line.length - line.trimStart().length;
      return { indent, text: line.slice(indent) };
    });
  }

  /** The next line that holds more than a comment, skipping the others. */
  peek(): Line | undefined {
    while (this.next < this.lines.length) {
      const line = this.lines[this.next]!;
      if (line.text !== "" && !line.text.startsWith("#")) {
        return line;
      }
      this.next++;
    }
    return undefined;
  }

  /** The block mapping whose keys start at column `indent`. */
  mapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_PLAIN_DEPTH) decline();
    const value: Record<string, unknown> = {};
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) decline();
      if (isListItem(line.text)) break;
      const key = KEY.exec(line.text);
      if (key === null || SPECIAL_KEYS.has(key[1]!) || Object.hasOwn(value, key[1]!)) decline();
      this.next++;
      value[key[1]!] = this.valueAfter(line.text.slice(key[0].length), indent, depth, true);
    }
    return value;
  }

  /** The block list whose `-` stand at column `indent`. */
  list(indent: number, depth: number): unknown[] {
    if (depth > MAX_PLAIN_DEPTH) decline();
    const value: unknown[] = [];
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) decline();
      if (!isListItem(line.text)) break;
      const rest = line.text.slice(1).trimStart();
      if (isListItem(rest)) decline();
      if (KEY.test(rest)) {
        // `- name: bilibili`: a mapping whose keys start at the column of `name`.
        const keyColumn = indent + line.text.length - rest.length;
        this.lines[this.next] = { indent: keyColumn, text: rest };
        value.push(this.mapping(keyColumn, depth + 1));
      } else {
        this.next++;
        value.push(this.valueAfter(rest, indent, depth, false));
      }
    }
    return value;
  }

  /**
   * The value written after a key or a `-` at column `indent`: on the same line, or as
   * a block on the lines below (a mapping's list may stand at the mapping's own column).
   */
  private valueAfter(rest: string, indent: number, depth: number, ofKey: boolean): unknown {
    if (rest === "" || rest.startsWith("#")) {
      const below = this.peek();
      if (below === undefined || below.indent < indent) return null;
      const isList = isListItem(below.text);
      if (below.indent === indent) return ofKey && isList ? this.list(indent, depth + 1) : null;
      return isList ? this.list(below.indent, depth + 1) : this.mapping(below.indent, depth + 1);
    }
    if (rest.startsWith("|") || rest.startsWith(">")) return this.block(rest, indent);
    const [value, after] = inlineValue(rest, false, depth);
    if (after.trim() !== "" && !/^ +#/.test(after)) decline();
    return value;
  }

  /** A `|` or `>` block scalar whose header is `header`, its lines all at one indentation, none blank. */
  private block(header: string, parentIndent: number): string {
    const form = /^([|>])(-?)(?: +#.*)?$/.exec(header);
    if (form === null) decline();
    const content: string[] = [];
    let blockIndent = -1;
    let last = this.next;
    for (; last < this.lines.length; last++) {
      const line = this.lines[last]!;
      // A line of spaces only ends the block; spaces beyond its indentation would be text of it.
      if (line.text === "") {
        if (line.indent > 0) decline();
        break;
      }
      if (blockIndent === -1) {
        if (line.indent <= parentIndent) break;
        blockIndent = line.indent;
      }
      if (line.indent < blockIndent) break;
      if (line.indent > blockIndent || line.text.startsWith("#") || line.text !== line.text.trimEnd()) decline();
      content.push(line.text);
    }
    // Lines blank inside the block (a paragraph break) or after it but before more of it are not read here.
    let after = last;
    while (after < this.lines.length && this.lines[after]!.text === "") after++;
    const following = this.lines[after];
    if (content.length === 0 || (following !== undefined && following.indent >= blockIndent)) decline();
    // Clip keeps the last line break, which a file ending on the block's last line does not have.
    if (form[2] === "" && last === this.lines.length) decline();
    this.next = last;
    const joined = content.join(form[1] === ">" ? " " : "\n");
    return form[2] === "-" ? joined : `${joined}\n`;
  }
}

/**
 * The value at the start of `text`, in a block (`inFlow` false) or inside `{ }` / `[ ]`,
 * and what follows it on the line.
 */
function inlineValue(text: string, inFlow: boolean, depth: number): [unknown, string] {
  const first = text[0];
  if (first === '"') {
    const end = text.indexOf('"', 1);
    if (end === -1 || text.slice(1, end).includes("\\")) decline();
    return [text.slice(1, end), text.slice(end + 1)];
  }
  if (first === "'") return singleQuoted(text);
  if (first === "{" || first === "[") return flowCollection(text, depth + 1);
  // In a flow, a comment would run on past the closing bracket: any `#` is declined there.
  const end = inFlow ? text.search(/[,\]}]/) : text.length;
  const written = end === -1 ? text : text.slice(0, end);
  const plain = (inFlow ? written : beforeComment(written)).trimEnd();
  if (plain === "" || !canStartPlain(plain) || /: |:$/.test(plain) || (inFlow && /[#[{]/.test(plain))) decline();
  return [coreScalar(plain), inFlow ? text.slice(written.length) : text.slice(plain.length)];
}

/**
 * `text` up to its first ` #`, where a comment starts. Not `/ +#.*$/`: a line of
 * thousands of spaces before a character would take that regex quadratic time
 * (80,000 spaces: 17 s).
 */
export function beforeComment(text: string): string {
  const comment = text.indexOf(" #");
  return comment === -1 ? text : text.slice(0, comment);
}

/** A line (after its indentation) that is an item of a block list: `- value`, or `-` alone with the value below. */
function isListItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** Indicators cannot start a plain value; a `-` can before a number. */
function canStartPlain(plain: string): boolean {
  return !/^[-?:,[\]{}#&*!|>'"%@`]/.test(plain) || /^-[0-9.]/.test(plain);
}

function singleQuoted(text: string): [string, string] {
  let value = "";
  for (let at = 1; at < text.length; at++) {
    const end = text.indexOf("'", at);
    if (end === -1) break;
    value += text.slice(at, end);
    if (text[end + 1] !== "'") return [value, text.slice(end + 1)];
    value += "'";
    at = end + 1;
  }
  return decline();
}

/** `{ key: value, ... }` or `[value, ...]`, on one line. */
function flowCollection(text: string, depth: number): [unknown, string] {
  if (depth > MAX_PLAIN_DEPTH) decline();
  const isMap = text[0] === "{";
  const close = isMap ? "}" : "]";
  const map: Record<string, unknown> = {};
  const list: unknown[] = [];
  let rest = text.slice(1).trimStart();
  if (rest.startsWith(close)) return [isMap ? map : list, rest.slice(1)];
  for (;;) {
    if (isMap) {
      const key = FLOW_KEY.exec(rest);
      if (key === null || SPECIAL_KEYS.has(key[1]!) || Object.hasOwn(map, key[1]!)) decline();
      const [value, after] = inlineValue(rest.slice(key[0].length), true, depth);
      map[key[1]!] = value;
      rest = after;
    } else {
      const [value, after] = inlineValue(rest, true, depth);
      list.push(value);
      rest = after;
    }
    rest = rest.trimStart();
    if (rest.startsWith(close)) return [isMap ? map : list, rest.slice(1)];
    if (!rest.startsWith(", ")) decline();
    rest = rest.slice(2).trimStart();
  }
}

/** A plain value as the YAML 1.2 core schema reads it, with `yaml`'s own conversions; hex, octal, .inf and .nan are declined. */
function coreScalar(plain: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)$/.test(plain)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(plain)) return plain[0] === "t" || plain[0] === "T";
  if (/^[-+]?[0-9]+$/.test(plain)) return Number.parseInt(plain, 10);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(plain)) return Number.parseFloat(plain);
  // The core schema's other numbers (yaml's intOct, intHex and floatNaN tags), left to yaml.
  if (/^0o[0-7]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(plain)) decline();
  return plain;
}
