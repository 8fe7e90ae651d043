import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import { linearTable } from "./linear-table.js";
import { displayWidth, withoutColour } from "./width.js";

/** A table's text before it is drawn: the head, the rows and each column's alignment. */
export interface TableSpec {
  head: string[];
  rows: string[][];
  align: ("left" | "right")[];
}

/** Columns of a bordered table (cli-table3's style) whose columns hold at most these widths: a space either side of each cell, a border between and around. */
export function borderedWidth(columnWidths: readonly number[]): number {
  return columnWidths.reduce((sum, width) => sum + width + 3, 1);
}

/**
 * The columns after the first in groups, in order, each group as many as fit within
 * `width` beside the first column; a column too wide for any group gets one of its own.
 */
export function columnGroups(columnWidths: readonly number[], width: number): number[][] {
  const groups: number[][] = [];
  const lead = borderedWidth(columnWidths.slice(0, 1));
  let group: number[] = [];
  let used = lead;
  for (let column = 1; column < columnWidths.length; column++) {
    const extra = columnWidths[column]! + 3;
    if (group.length > 0 && used + extra > width) {
      groups.push(group);
      [group, used] = [[], lead];
    }
    group.push(column);
    used += extra;
  }
  if (group.length > 0 || groups.length === 0) groups.push(group);
  return groups;
}

/**
 * A bordered table within `width` terminal columns: where all its columns would be wider,
 * they are folded into several tables one under the other, each led by the first column
 * (the row labels), in the order they were given. Drawn by linearTable, each column as
 * wide as its widest cell: the same text cli-table3 draws (a test compares them), without
 * its layout pass, which took most of a table run's own time (start-up). A table with
 * a character outside SAME_WIDTH_TEXT is drawn by cli-table3 still: its widths are
 * string-width's, which displayWidth does not follow for emoji, joiners and marks.
 */
export function fittedTable(spec: TableSpec, width: number, chalk: ChalkInstance): string {
  const columnWidths = spec.head.map((head, column) =>
    Math.max(displayWidth(head), ...spec.rows.map((row) => displayWidth(row[column] ?? ""))),
  );
  const drawLinear = [spec.head, ...spec.rows].every((row) => row.every((cell) => SAME_WIDTH_TEXT.test(withoutColour(cell))));
  return columnGroups(columnWidths, width)
    .map((group) => {
      const columns = [0, ...group];
      const part: TableSpec = {
        head: columns.map((column) => spec.head[column] ?? ""),
        rows: spec.rows.map((row) => columns.map((column) => row[column] ?? "")),
        align: columns.map((column) => spec.align[column] ?? "left"),
      };
      if (!drawLinear) return cliTable3Table(part, chalk);
      return linearTable(
        part,
        columns.map((column) => columnWidths[column]! + 2),
        chalk,
      );
    })
    .join("\n");
}

/**
 * Text whose every character displayWidth measures as cli-table3 (string-width 4) does:
 * printable Latin, Greek and Cyrillic letters and signs, the dashes, quotes, "…", "€" and
 * "−" of the reports, CJK punctuation and ideographs, full-width forms. Not "©", "®" and
 * "〰", "〽" (emoji to string-width), nor combining marks, joiners, variation selectors.
 */
const SAME_WIDTH_TEXT =
  /^[\x20-\x7E\u00A0-\u00A8\u00AA-\u00AD\u00AF-\u024F\u0370-\u03FF\u0400-\u0482\u048A-\u04FF\u2013\u2014\u2018-\u201D\u2026\u20AC\u2212\u3001-\u302F\u3031-\u303C\u4E00-\u9FFF\uFF01-\uFF60]*$/;
/** The table as cli-table3 draws it, each column as wide as its widest cell: fittedTable's way for text linearTable would misplace. */
export function cliTable3Table(spec: TableSpec, chalk: ChalkInstance): string {
  const table = new Table({
    head: spec.head.map((head) => chalk.bold(head)),
    colAligns: spec.align,
    style: { head: [], border: [], compact: true },
  });
  for (const row of spec.rows) table.push(row);
  return table.toString();
}
