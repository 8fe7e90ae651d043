import type { ChalkInstance } from "chalk";
import { linearTable } from "./linear-table.js";
import { displayWidth } from "./width.js";

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
 * its layout pass, which took most of a table run's own time (start-up).
 */
export function fittedTable(spec: TableSpec, width: number, chalk: ChalkInstance): string {
  const columnWidths = spec.head.map((head, column) =>
    Math.max(displayWidth(head), ...spec.rows.map((row) => displayWidth(row[column] ?? ""))),
  );
  return columnGroups(columnWidths, width)
    .map((group) => {
      const columns = [0, ...group];
      const part = {
        head: columns.map((column) => spec.head[column] ?? ""),
        rows: spec.rows.map((row) => columns.map((column) => row[column] ?? "")),
        align: columns.map((column) => spec.align[column] ?? "left"),
      };
      return linearTable(
        part,
        columns.map((column) => columnWidths[column]! + 2),
        chalk,
      );
    })
    .join("\n");
}
