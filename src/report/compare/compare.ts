import { Chalk } from "chalk";
import type { MetricKind } from "../../result/metric-paths.js";
import { valueAt } from "../../lib/value-at.js";
import type { ComparedResult } from "../../whatif/delta.js";
import { csvTable, flatten } from "../shared/csv.js";
import { formatMoney, formatNumber, formatPercent, formatSigned, NOT_AVAILABLE, plural, scenarioLine } from "../shared/format.js";
import { jsonText } from "../shared/json.js";
import { ladderVerdict, LADDER_ROWS } from "../shared/ladder.js";
import { mdCode, mdStrong, mdText, mdTable } from "../shared/markdown.js";
import { type MetricRow, SECTIONS } from "../../result/sections.js";
import { metricCell } from "../shared/metric-cell.js";
import type { RenderOptions } from "../shared/options.js";
import type { Renderers } from "../shared/render.js";
import { fittedTable } from "../shared/table.js";
import { wrapText } from "../shared/width.js";

/** `compare BASE OTHER...`: each scenario's key figures beside the base's, with the change. */
export const compareRenderers: Renderers<readonly ComparedResult[]> = {
  json: (results) => jsonText(results),
  csv: (results) => csvTable(results.map((result) => flatten(result))),
  md: (results) => compareMarkdown(results),
  table: (results, options) => compareTable(results, options),
};

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
      return formatSigned(plural(value, "day"), value);
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
    cells.push(
      metricCell(result, row),
      formatChange(valueAt(result.delta, row.path), row.kind, currency),
      formatChangePercent(valueAt(result.delta_pct, row.path)),
    );
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
    return `  ${labels[index]!.padEnd(5)} ${scenarioLine(result.scenario)}`;
  });
}

function compareTable(results: readonly ComparedResult[], options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const columns = head(results);
  // Folded into several tables where the terminal is too narrow for every column.
  const fitted = (title: string, rows: string[][]) =>
    fittedTable({ head: [title, ...columns], rows, align: ["left", ...columns.map(() => "right" as const)] }, options.width, chalk);
  const legendLines = legend(results).flatMap((line) => wrapText(line, options.width, "          "));
  const blocks = [
    [chalk.bold(`Compared with BASE (${results.length - 1} other${results.length === 2 ? "" : "s"})`), ...legendLines].join("\n"),
  ];

  const mark = (text: string, changed: boolean, holds: boolean) => {
    const coloured = holds ? chalk.green(text) : chalk.red(text);
    return changed ? chalk.bold(coloured) : coloured;
  };
  const ladder = fitted("Cost ladder per user", [
    ...LADDER_ROWS.map((row) => [row.label, ...rowCells(results, row)]),
    ["verdict", ...verdictCells(results, mark)],
  ]);
  const changes = verdictChangeLines(results);
  blocks.push(
    [ladder, ...(changes.length > 0 ? changes.map((line) => chalk.bold(line)) : ["  The verdict is the same in every scenario."])].join(
      "\n",
    ),
  );

  for (const section of SECTIONS)
    blocks.push(
      fitted(
        section.title,
        section.rows.map((row) => [row.label, ...rowCells(results, row)]),
      ),
    );
  return `${blocks.join("\n\n")}\n`;
}

/** A table of plain-text head and rows already in Markdown: the first column left, the figures right. */
function figureTable(title: string, columns: string[], rows: string[][]): string {
  return mdTable([title, ...columns].map(mdText), rows, ["left", ...columns.map((): "right" => "right")]);
}

function compareMarkdown(results: readonly ComparedResult[]): string {
  const labels = compareLabels(results.length);
  const columns = head(results);
  const blocks = [
    `## Compared with BASE\n\n${results
      .map((result, index) => {
        const { name, currency, horizon_days, file } = result.scenario;
        return `- ${mdStrong(labels[index]!)} ${mdText(`${name} (${currency}, ${plural(horizon_days, "day")},`)} ${mdCode(file, "text")})`;
      })
      .join("\n")}`,
  ];
  const changes = verdictChangeLines(results);
  blocks.push(
    `### Cost ladder per user\n\n${figureTable("rung", columns, [
      ...LADDER_ROWS.map((row) => [row.label, ...rowCells(results, row)].map(mdText)),
      ["verdict", ...verdictCells(results, (text, changed) => (changed ? mdStrong(text) : mdText(text)))],
    ])}${changes.length > 0 ? `\n\n${changes.map(mdStrong).join("\n\n")}` : ""}`,
  );
  for (const section of SECTIONS) {
    blocks.push(
      `### ${section.title}\n\n${figureTable(
        "figure",
        columns,
        section.rows.map((row) => [row.label.trim(), ...rowCells(results, row)].map(mdText)),
      )}`,
    );
  }
  return `${blocks.join("\n\n")}\n`;
}
