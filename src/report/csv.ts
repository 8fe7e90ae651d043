import type { JsonResult } from "../result/json-result.js";

type Cell = string | number | boolean | null;

/** A field quoted as RFC 4180 asks: when it holds a comma, a quote or a line break. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Leaves of a nested object as `dotted.path -> value`; lists of scalars become one cell. */
export function flatten(value: unknown, prefix = "", into = new Map<string, Cell>()): Map<string, Cell> {
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) {
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

/**
 * One row per scenario, a header of dotted JSON paths; with a timeline, one row per
 * period instead, led by the scenario's name and file.
 */
export function renderCsv(results: readonly JsonResult[]): string {
  if (results.some((result) => result.timeline !== undefined)) {
    return csvTable(
      results.flatMap((result) =>
        (result.timeline ?? []).map((period) => {
          const row = new Map<string, Cell>([
            ["scenario.name", result.scenario.name],
            ["scenario.file", result.scenario.file],
            ["scenario.currency", result.scenario.currency],
          ]);
          return flatten(period, "", row);
        }),
      ),
    );
  }
  return csvTable(results.map((result) => flatten(result)));
}
