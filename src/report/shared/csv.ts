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

/** Rows of cells under a header that is the union of their keys, in order of first appearance. */
export function csvTable(rows: readonly Map<string, Cell>[]): string {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  const lines = [header.map(csvField).join(","), ...rows.map((row) => header.map((key) => csvField(row.get(key) ?? null)).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
