import { showControls } from "../../lib/control.js";
import { METRIC_PATHS } from "../../result/metric-paths.js";

export type Cell = string | number | boolean | null;

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+1`, `-1+1`, `@SUM`,
 * or one led by a tab or CR) gets a leading `'`, as OWASP advises ("CSV Injection"):
 * spreadsheets show the text and keep the quote out of the value. Numbers are never text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A field quoted as RFC 4180 asks: when it holds a comma, a quote or a line break; text
 * never a formula, its control characters written out (`\x1b`, `\n`) as in the tables:
 * a CSV often goes to a terminal first, and no name or model id needs an ESC. true/false
 * are TRUE/FALSE, the spelling Excel, LibreOffice and pandas all read as booleans.
 */
export function csvField(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = typeof value === "string" ? showControls(neutraliseFormula(value)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The metric groups that may be null as a whole (`unit.serving_price` with several routes),
 * each with its leaves: a null group is its leaves' empty cells, so that every scenario has
 * the same columns (cli.md: the header is the dotted metric paths).
 */
const NULLABLE_GROUPS: ReadonlyMap<string, string[]> = (() => {
  const groups = new Map<string, string[]>();
  for (const path of METRIC_PATHS) {
    const [section, group, leaf] = path.split(".");
    if (leaf === undefined) continue;
    const name = `${section}.${group}`;
    groups.set(name, [...(groups.get(name) ?? []), leaf]);
  }
  return groups;
})();

function nullGroupLeaves(prefix: string): string[] | undefined {
  for (const [group, leaves] of NULLABLE_GROUPS) if (prefix === group || prefix.endsWith(`.${group}`)) return leaves;
  return undefined;
}

/** Leaves of a nested object as `dotted.path -> value`; lists of scalars become one cell. */
export function flatten(value: unknown, prefix = "", into = new Map<string, Cell>()): Map<string, Cell> {
  const leaves = value === null ? nullGroupLeaves(prefix) : undefined;
  if (leaves !== undefined) {
    for (const leaf of leaves) into.set(`${prefix}.${leaf}`, null);
  } else if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) {
    into.set(prefix, value.join(" < "));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value as Cell);
  }
  return into;
}

/** Rows of cells under a header that is the union of their keys (columnOrder). */
export function csvTable(rows: readonly Map<string, Cell>[]): string {
  const header = columnOrder(rows);
  const lines = [header.map(csvField).join(","), ...rows.map((row) => header.map((key) => csvField(row.get(key) ?? null)).join(","))];
  return csvLines(lines);
}

/** The dotted keys of the rows, as a tree: each level's keys in their order (columnOrder). */
interface KeyTree {
  order: string[];
  children: Map<string, KeyTree>;
  /** Whether the path down to here is itself a column. */
  column: boolean;
}

const keyTree = (): KeyTree => ({ order: [], children: new Map(), column: false });

/**
 * The union of the rows' keys, in their order, so that the columns do not depend on the order
 * of the rows: a key that only some rows have comes after the key before it in its row, at its
 * own level of the dotted path (`routes.*` of a routed scenario after `channels.*` and before
 * compare's `delta.*`, whichever scenario comes first; `channels.1.*` after `channels.0.*`).
 */
function columnOrder(rows: readonly Map<string, Cell>[]): string[] {
  const root = keyTree();
  for (const row of rows) {
    // Per level, the last key of this row placed there: a new key goes right after it.
    const previous = new Map<KeyTree, string>();
    for (const key of row.keys()) {
      let node = root;
      for (const segment of key.split(".")) node = childOf(node, segment, previous);
      node.column = true;
    }
  }
  const header: string[] = [];
  const walk = (node: KeyTree, prefix: string) => {
    for (const segment of node.order) {
      const child = node.children.get(segment)!;
      const key = prefix === "" ? segment : `${prefix}.${segment}`;
      if (child.column) header.push(key);
      walk(child, key);
    }
  };
  walk(root, "");
  return header;
}

function childOf(node: KeyTree, segment: string, previous: Map<KeyTree, string>): KeyTree {
  let child = node.children.get(segment);
  if (child === undefined) {
    child = keyTree();
    node.children.set(segment, child);
    const after = previous.get(node);
    node.order.splice(after === undefined ? 0 : node.order.indexOf(after) + 1, 0, segment);
  }
  previous.set(node, segment);
  return child;
}

/**
 * CSV lines as one text, each ended by CRLF (no lines, no text). Joined with an empty last line rather than
 * followed by `+ "\r\n"`: that would make a chain of two strings, which V8 copies whole into
 * a new one when it is written out (10 ms for a 100 x 100 sweep's 1.3 MB).
 */
export function csvLines(lines: readonly string[]): string {
  return [...lines, ""].join("\r\n");
}
