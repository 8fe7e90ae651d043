import { Chalk } from "chalk";
import Table from "cli-table3";
import type { MetricKind } from "../result/metric-paths.js";
import { valueAt } from "../value-at.js";
import type { ComparedResult } from "../whatif/delta.js";
import { csvTable, flatten } from "./csv.js";
import { formatMoney, formatNumber, formatPercent, formatSigned, NOT_AVAILABLE } from "./format.js";
import type { Format } from "./index.js";
import { finiteOrNull } from "./json.js";
import { ladderVerdict } from "./ladder.js";
import { mdCode, mdRow, mdStrong, mdText } from "./markdown.js";
import { type MetricRow, SECTIONS } from "../result/sections.js";
import { metricCell } from "./metrics.js";
import type { RenderOptions } from "./options.js";

/** `compare BASE OTHER...`: each scenario's key figures beside the base's, with the change. */
export function renderCompare(format: Format, results: readonly ComparedResult[], options: RenderOptions): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(results, finiteOrNull, 2)}\n`;
    case "csv":
      return csvTable(results.map((result) => flatten(result)));
    case "md":
      return compareMarkdown(results);
    case "table":
      return compareTable(results, options);
  }
}

const LADDER_ROWS: MetricRow[] = [
  { path: "ladder.inference", label: "inference", kind: "money" },
  { path: "ladder.training", label: "training", kind: "money" },
  { path: "ladder.acquisition", label: "acquisition", kind: "money" },
];

/** The column label of each scenario: BASE, #1, #2, ... */
export function compareLabels(count: number): string[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? "BASE" : `#${index}`));
}

/** A change as a signed figure of the metric's kind: `+¥2.50`, `-1,200`, `+12 days`. */
export function formatChange(value: unknown, kind: MetricKind, currency: string): string {
  if (typeof value !== "number") return NOT_AVAILABLE;
  switch (kind) {
    case "money":
      return formatSigned(formatMoney(value, currency), value);
    case "count":
    case "times":
      return formatSigned(formatNumber(value), value);
    case "day":
      return `${formatSigned(formatNumber(value), value)} days`;
  }
}

export function formatChangePercent(value: unknown): string {
  return typeof value === "number" ? formatSigned(formatPercent(value / 100), value) : NOT_AVAILABLE;
}

function shortVerdict(result: ComparedResult): string {
  return result.ladder.holds ? "holds" : "does not hold";
}

/** One line per scenario whose verdict differs from the base's; these are the marked lines. */
export function verdictChangeLines(results: readonly ComparedResult[]): string[] {
  const base = results[0];
  if (base === undefined) return [];
  const labels = compareLabels(results.length);
  return results.flatMap((result, index) =>
    index > 0 && result.ladder.holds !== base.ladder.holds
      ? [`! ${labels[index]} changes the verdict: ${shortVerdict(base)} -> ${ladderVerdict(result.ladder)}`]
      : [],
  );
}

function rowCells(results: readonly ComparedResult[], row: MetricRow): string[] {
  const base = results[0]!;
  const cells = [metricCell(base, row)];
  for (const result of results.slice(1)) {
    const currency = result.scenario.currency;
    cells.push(metricCell(result, row), formatChange(valueAt(result.delta, row.path), row.kind, currency), formatChangePercent(valueAt(result.delta_pct, row.path)));
  }
  return cells;
}

function head(results: readonly ComparedResult[]): string[] {
  const labels = compareLabels(results.length);
  return [labels[0]!, ...labels.slice(1).flatMap((label) => [label, `${label} ±`, `${label} %`])];
}

function verdictCells(results: readonly ComparedResult[], mark: (text: string, changed: boolean, holds: boolean) => string): string[] {
  const base = results[0]!;
  return [
    mark(shortVerdict(base), false, base.ladder.holds),
    ...results.slice(1).flatMap((result) => {
      const changed = result.ladder.holds !== base.ladder.holds;
      return [mark(`${changed ? "! " : ""}${shortVerdict(result)}`, changed, result.ladder.holds), changed ? "changed" : "", ""];
    }),
  ];
}

function legend(results: readonly ComparedResult[]): string[] {
  const labels = compareLabels(results.length);
  return results.map((result, index) => {
    const { name, currency, horizon_days, file } = result.scenario;
    return `  ${labels[index]!.padEnd(5)} ${name}  (${currency}, ${horizon_days} days, ${file})`;
  });
}

function compareTable(results: readonly ComparedResult[], options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const columns = head(results);
  const newTable = (title: string) =>
    new Table({
      head: [title, ...columns].map((text) => chalk.bold(text)),
      colAligns: ["left", ...columns.map(() => "right" as const)],
      style: { head: [], border: [], compact: true },
    });
  const blocks = [[chalk.bold(`Compared with BASE (${results.length - 1} other${results.length === 2 ? "" : "s"})`), ...legend(results)].join("\n")];

  const ladder = newTable("Cost ladder per user");
  for (const row of LADDER_ROWS) ladder.push([row.label, ...rowCells(results, row)]);
  const mark = (text: string, changed: boolean, holds: boolean) => {
    const coloured = holds ? chalk.green(text) : chalk.red(text);
    return changed ? chalk.bold(coloured) : coloured;
  };
  ladder.push(["verdict", ...verdictCells(results, mark)]);
  const changes = verdictChangeLines(results);
  blocks.push([ladder.toString(), ...(changes.length > 0 ? changes.map((line) => chalk.bold(line)) : ["  The verdict is the same in every scenario."])].join("\n"));

  for (const section of SECTIONS) {
    const table = newTable(section.title);
    for (const row of section.rows) table.push([row.label, ...rowCells(results, row)]);
    blocks.push(table.toString());
  }
  return `${blocks.join("\n\n")}\n`;
}

/** A table of plain-text head and rows already in Markdown: the first column left, the figures right. */
function mdTable(title: string, columns: string[], rows: string[][]): string {
  return [mdRow([title, ...columns].map(mdText)), `| --- |${columns.map(() => " ---: |").join("")}`, ...rows.map(mdRow)].join("\n");
}

function compareMarkdown(results: readonly ComparedResult[]): string {
  const labels = compareLabels(results.length);
  const columns = head(results);
  const blocks = [
    `## Compared with BASE\n\n${results
      .map((result, index) => {
        const { name, currency, horizon_days, file } = result.scenario;
        return `- ${mdStrong(labels[index]!)} ${mdText(`${name} (${currency}, ${horizon_days} days,`)} ${mdCode(file, "text")})`;
      })
      .join("\n")}`,
  ];
  const changes = verdictChangeLines(results);
  blocks.push(
    `### Cost ladder per user\n\n${mdTable("rung", columns, [
      ...LADDER_ROWS.map((row) => [row.label, ...rowCells(results, row)].map(mdText)),
      ["verdict", ...verdictCells(results, (text, changed) => (changed ? mdStrong(text) : mdText(text)))],
    ])}${changes.length > 0 ? `\n\n${changes.map(mdStrong).join("\n\n")}` : ""}`,
  );
  for (const section of SECTIONS) {
    blocks.push(`### ${section.title}\n\n${mdTable("figure", columns, section.rows.map((row) => [row.label.trim(), ...rowCells(results, row)].map(mdText)))}`);
  }
  return `${blocks.join("\n\n")}\n`;
}
