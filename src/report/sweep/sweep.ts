import { Chalk, type ChalkInstance } from "chalk";
import { SCHEMA_VERSION } from "../../result/json-result.js";
import { metricKind, type MetricValue } from "../../whatif/metrics.js";
import { metricAt, type SweepPoint, type SweepReport } from "../../whatif/sweep-report.js";
import { indicesAt } from "../../whatif/sweep.js";
import { csvField, csvLines } from "../shared/csv.js";
import { NOT_AVAILABLE, plural, scenarioLine } from "../shared/format.js";
import { jsonText } from "../shared/json.js";
import { mdRow, mdStrong, mdText } from "../shared/markdown.js";
import { formatMetric } from "../shared/metric-cell.js";
import type { RenderOptions } from "../shared/options.js";
import type { Renderers } from "../shared/render.js";
import { fittedTable } from "../shared/table.js";
import { wrapText } from "../shared/width.js";

type Cell = string | number | boolean | null;

/** Flips listed in a table before "and N more". */
const MAX_FLIP_LINES = 20;

export const sweepRenderers: Renderers<SweepReport> = {
  json: (report) => jsonText(sweepJson(report)),
  csv: (report) => sweepCsv(report),
  md: (report) => sweepMarkdown(report),
  table: (report, options) => sweepTable(report, options),
};

/** A point as one flat row: each varied path, then each metric. */
function pointRow(report: SweepReport, point: SweepPoint): Map<string, Cell> {
  const row = new Map<string, Cell>();
  for (const [index, axis] of report.axes.entries()) row.set(axis.path, toCell(axis.values[point.indices[index]!]));
  for (const metric of report.metrics) row.set(metric, point.metrics[metric] ?? null);
  return row;
}

/**
 * The CSV of pointRow's rows (csvTable's text), line by line: each axis value's field is
 * written once, and a row is its fields joined, with no map per point.
 */
function sweepCsv(report: SweepReport): string {
  // A column per distinct key, filled by the last of pointRow's sets to it.
  const sources = new Map<string, { axis: number } | { metric: number }>();
  for (const [axis, { path }] of report.axes.entries()) sources.set(path, { axis });
  for (const [metric, name] of report.metrics.entries()) sources.set(name, { metric });
  const axisFields = report.axes.map((axis) => axis.values.map((value) => csvField(toCell(value))));
  const columns = [...sources.values()];
  const lines = [[...sources.keys()].map(csvField).join(",")];
  const { table } = report;
  const width = report.metrics.length;
  // One array of fields, joined at each row: a line built field by field would be a chain of strings to flatten.
  const fields = new Array<string>(columns.length);
  for (let position = 0; position < table.holds.length; position++) {
    const indices = indicesAt(table.lengths, position);
    for (let column = 0; column < columns.length; column++) {
      const source = columns[column]!;
      fields[column] =
        "axis" in source ? axisFields[source.axis]![indices[source.axis]!]! : csvField(metricAt(table, position * width + source.metric));
    }
    lines.push(fields.join(","));
  }
  return csvLines(lines);
}

function toCell(value: unknown): Cell {
  return value === undefined ? null : typeof value === "object" && value !== null ? JSON.stringify(value) : (value as Cell);
}

function coordinates(report: SweepReport, position: number): Record<string, Cell> {
  const point = report.points[position]!;
  return Object.fromEntries(report.axes.map((axis, index) => [axis.path, toCell(axis.values[point.indices[index]!])]));
}

/** The JSON of a sweep: long format, one object per point, keyed by dotted paths as the CSV header is. */
export function sweepJson(report: SweepReport) {
  return {
    schema_version: SCHEMA_VERSION,
    scenario: report.scenario,
    vary: report.axes.map((axis) => ({ path: axis.path, spec: axis.spec, labels: axis.labels, values: axis.values.map(toCell) })),
    metrics: report.metrics,
    points: report.points.map((point) => Object.fromEntries(pointRow(report, point))),
    flips: report.flips.map((flip) => ({
      from: coordinates(report, flip.from),
      to: coordinates(report, flip.to),
      ladder_holds: [report.points[flip.from]!.holds, report.points[flip.to]!.holds],
    })),
  };
}

function cellText(report: SweepReport, metric: string, value: MetricValue | undefined): string {
  const kind = metricKind(metric);
  if (kind === "verdict") return value === true ? "holds" : value === false ? "no" : NOT_AVAILABLE;
  return formatMetric(value, kind, report.scenario.currency);
}

/** Short names for the axes: the last part of each path, unless two axes share it. */
function axisNames(report: SweepReport): string[] {
  const last = report.axes.map((axis) => axis.path.split(".").at(-1)!);
  return new Set(last).size === last.length ? last : report.axes.map((axis) => axis.path);
}

function pointName(report: SweepReport, position: number): string {
  const names = axisNames(report);
  const point = report.points[position]!;
  const parts = report.axes.map((axis, index) => `${names[index]}=${axis.labels[point.indices[index]!]}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(", ")})`;
}

/** Where the ladder flips: a heading and one item per pair of neighbours (the first 20), or the one verdict every point shares. */
export function flipSummary(report: SweepReport): { heading: string; items: string[] } {
  if (report.flips.length === 0) {
    const holds = report.points[0]?.holds;
    return { heading: `The ladder ${holds ? "holds" : "does not hold"} at every point: it never flips.`, items: [] };
  }
  const verdict = (holds: boolean) => (holds ? "holds" : "does not hold");
  const items = report.flips.slice(0, MAX_FLIP_LINES).map((flip) => {
    const [from, to] = [report.points[flip.from]!, report.points[flip.to]!];
    return `${pointName(report, flip.from)} -> ${pointName(report, flip.to)}: ${verdict(from.holds)} -> ${verdict(to.holds)}`;
  });
  if (report.flips.length > MAX_FLIP_LINES)
    items.push(`... and ${report.flips.length - MAX_FLIP_LINES} more (all of them with --format json)`);
  const count = report.flips.length;
  return { heading: `The ladder flips between ${count} pair${count === 1 ? "" : "s"} of neighbouring points:`, items };
}

function title(report: SweepReport): string {
  const axes = report.axes.map((axis) => `${axis.path} = ${axis.spec} (${plural(axis.labels.length, "value")})`).join(" x ");
  return `Sweep of ${axes}\n${scenarioLine(
    report.scenario,
    report.axes.map((axis) => axis.path),
  )}`;
}

/**
 * The rows of the table: one per point (one axis), or the matrix of one metric (two axes).
 * `mark` turns a matrix cell into the output's form, highlighted where the ladder holds;
 * `plain` every other cell of the head and rows (the caption is left to the caller).
 */
function grid(
  report: SweepReport,
  mark: (text: string, holds: boolean) => string,
  plain: (text: string) => string = (text) => text,
): { head: string[]; rows: string[][]; caption: string } {
  if (report.axes.length === 1) {
    const axis = report.axes[0]!;
    return {
      head: [axis.path, ...report.metrics].map(plain),
      rows: report.points.map((point) =>
        [axis.labels[point.indices[0]!]!, ...report.metrics.map((metric) => cellText(report, metric, point.metrics[metric]))].map(plain),
      ),
      caption: "",
    };
  }
  const [rowAxis, columnAxis] = [report.axes[0]!, report.axes[1]!];
  const metric = report.matrixMetric;
  const rows = rowAxis.labels.map((label, rowIndex) => [
    plain(label),
    ...columnAxis.labels.map((_, columnIndex) => {
      const point = report.points[rowIndex * columnAxis.labels.length + columnIndex]!;
      return mark(`${cellText(report, metric, point.metrics[metric])}${point.holds ? " ✓" : "  "}`, point.holds);
    }),
  ]);
  return {
    head: [`${rowAxis.path} \\ ${columnAxis.path}`, ...columnAxis.labels].map(plain),
    rows,
    caption: `${metric}; ✓ where the ladder holds (inference < training < acquisition)`,
  };
}

function sweepTable(report: SweepReport, options: RenderOptions): string {
  const chalk: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const { head, rows, caption } = grid(report, (text, holds) => (holds ? chalk.green(text) : text));
  const table = fittedTable({ head, rows, align: ["left", ...head.slice(1).map(() => "right" as const)] }, options.width, chalk);
  const flips = flipSummary(report);
  const wrap = (text: string, indent = "  ") => wrapText(text, options.width, indent);
  const blocks = [
    chalk.bold(
      title(report)
        .split("\n")
        .flatMap((line) => wrap(line, "    "))
        .join("\n"),
    ),
    [...(caption ? wrap(caption) : []), table].join("\n"),
    [...wrap(flips.heading), ...flips.items.flatMap((item) => wrap(`  ${item}`, "    "))].join("\n"),
  ];
  return `${blocks.join("\n\n")}\n`;
}

function sweepMarkdown(report: SweepReport): string {
  const { head, rows, caption } = grid(report, (text, holds) => (holds ? mdStrong(text) : mdText(text)), mdText);
  const table = [
    mdRow(head),
    `| --- |${head
      .slice(1)
      .map(() => " ---: |")
      .join("")}`,
    ...rows.map(mdRow),
  ].join("\n");
  const [heading, scenario] = title(report).split("\n");
  const flips = flipSummary(report);
  const list = flips.items.map((item) => `- ${mdText(item)}`).join("\n");
  return `## ${mdText(heading!)}\n\n${mdText(scenario!)}\n\n${caption ? `${mdText(caption)}\n\n` : ""}${table}\n\n${mdText(flips.heading)}${list ? `\n\n${list}` : ""}\n`;
}
