import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import { SCHEMA_VERSION } from "../../result/json-result.js";
import type { MetricKind } from "../../result/metric-paths.js";
import { metricKind } from "../../whatif/metrics.js";
import type { SensitivitySide } from "../../whatif/sensitivity.js";
import type { SensitivityReport } from "../../whatif/sensitivity-report.js";
import { tornadoBar } from "../shared/bar.js";
import { csvTable, flatten } from "../shared/csv.js";
import { formatMoney, formatPercent, formatPrecise, scenarioLine } from "../shared/format.js";
import { jsonText } from "../shared/json.js";
import { mdCode, mdRow, mdStrong, mdText } from "../shared/markdown.js";
import { formatMetric } from "../shared/metric-cell.js";
import type { RenderOptions } from "../shared/options.js";
import type { Renderers } from "../shared/render.js";
import { borderedWidth } from "../shared/table.js";
import { displayWidth, wrapText } from "../shared/width.js";

const LOW_GLYPH = "░";
const HIGH_GLYPH = "█";
/** Shown for a side whose moved value the scenario format rejects. */
const INVALID = "invalid";

export const sensitivityRenderers: Renderers<SensitivityReport> = {
  json: (report) => jsonText(sensitivityJson(report)),
  csv: (report) => csvTable(report.rows.map((row, index) => flatten({ rank: index + 1, ...row }))),
  md: (report) => sensitivityMarkdown(report),
  table: (report, options) => sensitivityTable(report, options),
};

/** The JSON of a sensitivity run: the rows ranked, each with its rank, then the inputs not moved and why. */
export function sensitivityJson(report: SensitivityReport) {
  return {
    schema_version: SCHEMA_VERSION,
    scenario: report.scenario,
    metric: report.metric,
    delta: report.delta,
    base: report.base,
    inputs: report.rows.map((row, index) => ({ rank: index + 1, ...row })),
    skipped: report.skipped.map((input) => ({ input: input.name, value: input.value, reason: input.reason })),
  };
}

const factorLabel = (factor: number) => `x${Number(factor.toPrecision(12))}`;

function factors(report: SensitivityReport): [string, string] {
  return [factorLabel(1 - report.delta), factorLabel(1 + report.delta)];
}

function kindOf(report: SensitivityReport): MetricKind {
  const kind = metricKind(report.metric);
  return kind === "verdict" ? "count" : kind;
}

function flipped(report: SensitivityReport, side: SensitivitySide): boolean {
  return side.ladder_holds !== null && side.ladder_holds !== report.base.ladder_holds;
}

/** The metric on one side: its value, `invalid`, or `n/a`; `!` where the ladder's verdict differs from the base's. */
function sideCell(report: SensitivityReport, side: SensitivitySide): string {
  if (side.invalid !== null) return INVALID;
  const text = formatMetric(side.metric, kindOf(report), report.scenario.currency);
  return flipped(report, side) ? `${text} !` : text;
}

/** An input as the file gives it: as written where that is text or a range (`$2`, `0.1..0.2`), else its number. */
function givenText(report: SensitivityReport, input: string, value: number): string {
  return report.written[input] ?? formatPrecise(value);
}

/**
 * A moved value: with the scenario's currency where the file wrote money as text, since the
 * value is converted into that currency (`$2` x0.8 is `¥11.52` in a CNY scenario).
 */
function movedText(report: SensitivityReport, input: string, value: number): string {
  const written = report.written[input];
  // The only numbers the format also takes as text are money; a range is written `low..high`.
  const moneyText = written !== undefined && !written.includes("..");
  return moneyText ? formatMoney(value, report.scenario.currency) : formatPrecise(value);
}

function verdictText(holds: boolean, order: readonly string[]): string {
  return holds ? "holds" : `does not hold (${order.join(" < ")})`;
}

/** The lines under the tornado: verdict changes, invalid moves, inputs not moved. */
function notes(report: SensitivityReport): { verdicts: string[]; invalid: string[]; skipped: string[] } {
  const [lowLabel, highLabel] = factors(report);
  const verdicts: string[] = [];
  const invalid: string[] = [];
  for (const row of report.rows) {
    for (const [side, label] of [
      [row.low, lowLabel],
      [row.high, highLabel],
    ] as const) {
      const moved = `${row.input} ${label} = ${movedText(report, row.input, side.value)}`;
      if (side.invalid !== null) invalid.push(`${moved}: ${side.invalid}`);
      else if (flipped(report, side)) verdicts.push(`! ${moved}: the ladder ${verdictText(side.ladder_holds!, side.ladder_order ?? [])}`);
    }
  }
  const byReason = new Map<string, string[]>();
  for (const input of report.skipped) byReason.set(input.reason, [...(byReason.get(input.reason) ?? []), input.name]);
  const skipped = [...byReason].map(([reason, names]) => `${names.join(", ")} (${reason})`);
  return { verdicts, invalid, skipped };
}

function heading(report: SensitivityReport): string[] {
  const [lowLabel, highLabel] = factors(report);
  const base = formatMetric(report.base.metric, kindOf(report), report.scenario.currency);
  return [
    `Sensitivity of ${report.metric} to each input moved ±${formatPercent(report.delta)} (${lowLabel} and ${highLabel}), largest effect first`,
    scenarioLine(report.scenario),
    `${report.metric} as given: ${base}; the ladder ${verdictText(report.base.ladder_holds, report.base.ladder_order)}`,
  ];
}

function legend(report: SensitivityReport): string {
  const [lowLabel, highLabel] = factors(report);
  return `${LOW_GLYPH} input ${lowLabel}, ${HIGH_GLYPH} input ${highLabel}: bars from │ (the metric as given), left lower, right higher; ! the ladder's verdict changes`;
}

function columns(report: SensitivityReport): { head: string[]; rows: string[][] } {
  const [lowLabel, highLabel] = factors(report);
  return {
    head: ["#", "input", "as given", `at ${lowLabel}`, `at ${highLabel}`],
    rows: report.rows.map((row, index) => [
      String(index + 1),
      row.input,
      givenText(report, row.input, row.value),
      sideCell(report, row.low),
      sideCell(report, row.high),
    ]),
  };
}

function bars(report: SensitivityReport, half: number): string[] {
  const max = Math.max(0, ...report.rows.map((row) => row.effect ?? 0));
  return report.rows.map((row) =>
    tornadoBar(
      [
        { change: row.low.change, glyph: LOW_GLYPH },
        { change: row.high.change, glyph: HIGH_GLYPH },
      ],
      max,
      half,
    ),
  );
}

/** The narrowest half of a tornado worth drawing: coarser bars cannot be told apart. */
const MIN_HALF = 8;
const MAX_HALF = 20;

/** Columns of the bordered table without its tornado: cli-table3 puts a space either side of each cell and a border between and around the columns. */
function tableWidthWithoutBars(head: readonly string[], rows: readonly string[][]): number {
  const widths = head.map((text, column) => Math.max(displayWidth(text), ...rows.map((row) => displayWidth(row[column]!))));
  return borderedWidth(widths) + 3;
}

function sensitivityTable(report: SensitivityReport, options: RenderOptions): string {
  const chalk: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const { head, rows } = columns(report);
  const paint = (bar: string) => bar.replace(/░+/g, (run) => chalk.cyan(run)).replace(/█+/g, (run) => chalk.magenta(run));
  const bold = (cell: string) => (cell.endsWith(" !") ? chalk.bold(cell) : cell);
  // The bordered table where its bars fit at their narrowest; else a row over two lines, the input then its bar.
  const room = Math.floor((options.width - tableWidthWithoutBars(head, rows) - 1) / 2);
  const drawnRows =
    room >= MIN_HALF
      ? borderedRows(report, head, rows, Math.min(MAX_HALF, room), chalk, paint, bold)
      : twoLineRows(report, head, rows, options.width, paint, bold);
  const wrap = (line: string, indent = "    ") => wrapText(line, options.width, indent);
  const { verdicts, invalid, skipped } = notes(report);
  const [title, ...rest] = heading(report).flatMap((line) => wrap(line));
  const blocks = [
    [chalk.bold(title!), ...rest].join("\n"),
    [...wrap(legend(report)), report.rows.length > 0 ? drawnRows : "No input to move."].join("\n"),
  ];
  blocks.push(
    verdicts.length > 0
      ? ["The ladder's verdict changes:", ...verdicts.flatMap((line) => wrap(`  ${line}`)).map((line) => chalk.bold(line))].join("\n")
      : "The ladder's verdict is the same at every move.",
  );
  if (invalid.length > 0)
    blocks.push(["Moves the scenario format rejects (shown as invalid):", ...invalid.flatMap((line) => wrap(`  ${line}`))].join("\n"));
  if (skipped.length > 0) blocks.push(["Not moved:", ...skipped.flatMap((line) => wrap(`  ${line}`))].join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

type Paint = (text: string) => string;

function borderedRows(
  report: SensitivityReport,
  head: readonly string[],
  rows: readonly string[][],
  half: number,
  chalk: ChalkInstance,
  paint: Paint,
  bold: Paint,
): string {
  const table = new Table({
    head: [...head, "tornado"].map((text) => chalk.bold(text)),
    colAligns: ["right", "left", "right", "right", "right", "left"],
    style: { head: [], border: [], compact: true },
  });
  const drawn = bars(report, half);
  table.push(...rows.map((row, index) => [...row.map(bold), paint(drawn[index]!)]));
  return table.toString();
}

/**
 * For a narrow terminal: each input on a line of its own (`1  name  (as given $2)`), its
 * two moves under it either side of the bar (`$8.00 ░░░│███ $12.00`).
 */
function twoLineRows(
  report: SensitivityReport,
  head: readonly string[],
  rows: readonly string[][],
  width: number,
  paint: Paint,
  bold: Paint,
): string {
  const rankWidth = Math.max(...rows.map((row) => row[0]!.length));
  const indent = " ".repeat(rankWidth + 2);
  const [lowWidth, highWidth] = [3, 4].map((column) =>
    Math.max(displayWidth(head[column]!), ...rows.map((row) => displayWidth(row[column]!))),
  );
  const half = Math.max(2, Math.min(MAX_HALF, Math.floor((width - indent.length - lowWidth! - highWidth! - 3) / 2)));
  const drawn = bars(report, half);
  const centre = " ".repeat(half);
  const lines = [`${indent}${head[3]!.padStart(lowWidth!)} ${centre}│${centre} ${head[4]}`];
  rows.forEach((row, index) => {
    const [rank, input, given, low, high] = row as [string, string, string, string, string];
    lines.push(...wrapText(`${rank.padStart(rankWidth)}  ${input}  (${head[2]} ${given})`, width, indent));
    lines.push(
      `${indent}${" ".repeat(Math.max(0, lowWidth! - displayWidth(low)))}${bold(low)} ${paint(drawn[index]!)} ${bold(high)}`.trimEnd(),
    );
  });
  return lines.join("\n");
}

function sensitivityMarkdown(report: SensitivityReport): string {
  const { head, rows } = columns(report);
  const drawn = bars(report, 10);
  const table = [
    mdRow([...head, "tornado"].map(mdText)),
    "| ---: | --- | ---: | ---: | ---: | --- |",
    ...rows.map((row, index) =>
      mdRow([...row.map((cell) => (cell.endsWith(" !") ? mdStrong(cell) : mdText(cell))), mdCode(drawn[index]!)]),
    ),
  ].join("\n");
  const { verdicts, invalid, skipped } = notes(report);
  const [title, scenario, base] = heading(report);
  const list = (items: string[]) => items.map((item) => `- ${mdText(item)}`).join("\n");
  const blocks = [
    `## ${mdText(title!)}`,
    `${mdText(scenario!)}\n\n${mdText(base!)}`,
    `_${mdText(legend(report))}_`,
    report.rows.length > 0 ? table : "No input to move.",
  ];
  blocks.push(
    verdicts.length > 0 ? `**The ladder's verdict changes:**\n\n${list(verdicts)}` : "The ladder's verdict is the same at every move.",
  );
  if (invalid.length > 0) blocks.push(`Moves the scenario format rejects (shown as invalid):\n\n${list(invalid)}`);
  if (skipped.length > 0) blocks.push(`Not moved:\n\n${list(skipped)}`);
  return `${blocks.join("\n\n")}\n`;
}
