import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import { SCHEMA_VERSION, type ScenarioHeader } from "../result/json-result.js";
import type { MetricKind } from "../result/metric-paths.js";
import { metricKind } from "../whatif/metrics.js";
import type { SensitivityRow, Side, SkippedInput } from "../whatif/sensitivity.js";
import { tornadoBar } from "./bar.js";
import { csvTable, flatten } from "./csv.js";
import { formatPercent, formatPrecise } from "./format.js";
import type { Format } from "./index.js";
import { finiteOrNull } from "./json.js";
import { mdCode, mdRow, mdStrong, mdText } from "./markdown.js";
import { formatMetric } from "./metrics.js";
import type { RenderOptions } from "./options.js";

export interface SensitivityReport {
  scenario: ScenarioHeader;
  metric: string;
  delta: number;
  base: { metric: number | null; ladder_holds: boolean; ladder_order: string[] };
  /** Ranked: largest effect first. */
  rows: SensitivityRow[];
  skipped: SkippedInput[];
}

const LOW_GLYPH = "░";
const HIGH_GLYPH = "█";
/** Shown for a side whose moved value the scenario format rejects. */
const INVALID = "invalid";

export function renderSensitivity(format: Format, report: SensitivityReport, options: RenderOptions): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(sensitivityJson(report), finiteOrNull, 2)}\n`;
    case "csv":
      return csvTable(report.rows.map((row, index) => flatten({ rank: index + 1, ...row })));
    case "md":
      return sensitivityMarkdown(report);
    case "table":
      return sensitivityTable(report, options);
  }
}

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

function flipped(report: SensitivityReport, side: Side): boolean {
  return side.ladder_holds !== null && side.ladder_holds !== report.base.ladder_holds;
}

/** The metric on one side: its value, `invalid`, or `n/a`; `!` where the ladder's verdict differs from the base's. */
function sideCell(report: SensitivityReport, side: Side): string {
  if (side.invalid !== null) return INVALID;
  const text = formatMetric(side.metric, kindOf(report), report.scenario.currency);
  return flipped(report, side) ? `${text} !` : text;
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
      const moved = `${row.input} ${label} = ${formatPrecise(side.value)}`;
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
  const { name, currency, horizon_days, file } = report.scenario;
  const [lowLabel, highLabel] = factors(report);
  const base = formatMetric(report.base.metric, kindOf(report), currency);
  return [
    `Sensitivity of ${report.metric} to each input moved ±${formatPercent(report.delta)} (${lowLabel} and ${highLabel}), largest effect first`,
    `${name}  (${currency}, ${horizon_days} days, ${file})`,
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
    rows: report.rows.map((row, index) => [String(index + 1), row.input, formatPrecise(row.value), sideCell(report, row.low), sideCell(report, row.high)]),
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

/** Cells either side of the centre: what the terminal has left after the other columns, 8 to 20 (a wider table rather than bars too coarse to read). */
function halfWidth(head: readonly string[], rows: readonly string[][], width: number): number {
  const widths = head.map((text, column) => Math.max(text.length, ...rows.map((row) => row[column]!.length)));
  // cli-table3: a space either side of each cell and a border between and around the columns.
  const used = widths.reduce((sum, cell) => sum + cell + 3, 1) + 3;
  return Math.max(8, Math.min(20, Math.floor((width - used - 1) / 2)));
}

function sensitivityTable(report: SensitivityReport, options: RenderOptions): string {
  const chalk: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const { head, rows } = columns(report);
  const half = halfWidth(head, rows, options.width);
  const paint = (bar: string) => bar.replace(/░+/g, (run) => chalk.cyan(run)).replace(/█+/g, (run) => chalk.magenta(run));
  const table = new Table({
    head: [...head, "tornado"].map((text) => chalk.bold(text)),
    colAligns: ["right", "left", "right", "right", "right", "left"],
    style: { head: [], border: [], compact: true },
  });
  const drawn = bars(report, half);
  rows.forEach((row, index) => table.push([...row.map((cell) => (cell.endsWith(" !") ? chalk.bold(cell) : cell)), paint(drawn[index]!)]));
  const { verdicts, invalid, skipped } = notes(report);
  const [title, ...rest] = heading(report);
  const blocks = [[chalk.bold(title!), ...rest].join("\n"), [legend(report), report.rows.length > 0 ? table.toString() : "No input to move."].join("\n")];
  blocks.push(verdicts.length > 0 ? ["The ladder's verdict changes:", ...verdicts.map((line) => `  ${chalk.bold(line)}`)].join("\n") : "The ladder's verdict is the same at every move.");
  if (invalid.length > 0) blocks.push(["Moves the scenario format rejects (shown as invalid):", ...invalid.map((line) => `  ${line}`)].join("\n"));
  if (skipped.length > 0) blocks.push(["Not moved:", ...skipped.map((line) => `  ${line}`)].join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

function sensitivityMarkdown(report: SensitivityReport): string {
  const { head, rows } = columns(report);
  const drawn = bars(report, 10);
  const table = [
    mdRow([...head, "tornado"].map(mdText)),
    "| ---: | --- | ---: | ---: | ---: | --- |",
    ...rows.map((row, index) => mdRow([...row.map((cell) => (cell.endsWith(" !") ? mdStrong(cell) : mdText(cell))), mdCode(drawn[index]!)])),
  ].join("\n");
  const { verdicts, invalid, skipped } = notes(report);
  const [title, scenario, base] = heading(report);
  const list = (items: string[]) => items.map((item) => `- ${mdText(item)}`).join("\n");
  const blocks = [`## ${mdText(title!)}`, `${mdText(scenario!)}\n\n${mdText(base!)}`, `_${mdText(legend(report))}_`, report.rows.length > 0 ? table : "No input to move."];
  blocks.push(verdicts.length > 0 ? `**The ladder's verdict changes:**\n\n${list(verdicts)}` : "The ladder's verdict is the same at every move.");
  if (invalid.length > 0) blocks.push(`Moves the scenario format rejects (shown as invalid):\n\n${list(invalid)}`);
  if (skipped.length > 0) blocks.push(`Not moved:\n\n${list(skipped)}`);
  return `${blocks.join("\n\n")}\n`;
}
