import type { SweepReport } from "../../whatif/sweep-report.js";
import { metricKind } from "../../whatif/metrics.js";
import { figure } from "./charts/figure.js";
import { heatmap } from "./charts/heatmap.js";
import { lineChart, type Point, yDomainOf } from "./charts/lines.js";
import { countTick } from "./charts/tick-format.js";
import { metricText, metricTick, unitOf } from "./common.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";

/**
 * `sweep --format html`: one axis, the metric as a line over the values with the stretches
 * where the ladder holds shaded; two axes, a heatmap of the metric with the region where
 * the ladder holds outlined. Then every point in a table and the flips listed.
 */
export function renderSweepHtml(report: SweepReport, options: HtmlOptions): string {
  const { scenario, axes } = report;
  const holding = report.points.filter((point) => point.holds).length;
  const lead = html`<p class="verdict ${holding > 0 ? "holds" : "fails"}" data-holds-points="${holding}" data-points="${report.points.length}"><span class="verdict-text">The ladder holds at ${holding} of ${report.points.length} points${
    holding === report.points.length ? " (everywhere)" : holding === 0 ? " (nowhere)" : ""
  }.</span> <span class="muted">${report.flips.length === 0 ? "It never flips between neighbours." : `It flips between ${report.flips.length} pair${report.flips.length === 1 ? "" : "s"} of neighbouring points.`}</span></p>`;
  const chart = axes.length === 1 ? lineFigure(report) : heatmapFigure(report);
  const body = html`<section><div class="panel">${chart}</div></section>${pointsTable(report)}`;
  return page(
    {
      title: `${scenario.name}: sweep of ${axes.map((axis) => axis.path).join(" and ")}`,
      kicker: "What-if · llm-cac sweep",
      heading: `${scenario.name}: ${axes.map((axis) => axis.path).join(" × ")}`,
      lead,
      body,
      files: [scenario.file],
    },
    options,
  );
}

/** The x of each value of the axis: the value itself when every value is a number, else its position. */
function positions(values: readonly unknown[]): { xs: number[]; numeric: boolean } {
  const numeric = values.every((value) => typeof value === "number" && Number.isFinite(value));
  return { xs: values.map((value, index) => (numeric ? (value as number) : index)), numeric };
}

/**
 * An axis value short enough for a chart: a number in SI notation after the label's own
 * prefix (`$10000000` -> `$10M`), anything else as written.
 */
export function shortLabel(label: string, value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return label;
  const prefix = /^[^\d.+-]*/.exec(label)?.[0] ?? "";
  return `${prefix}${countTick(value)}`;
}

/** Half-way between neighbouring x's on each side of a point: the stretch it stands for. */
export function stretches(xs: readonly number[]): { from: number; to: number }[] {
  return xs.map((x, index) => ({
    from: index === 0 ? x : (xs[index - 1]! + x) / 2,
    to: index === xs.length - 1 ? x : (x + xs[index + 1]!) / 2,
  }));
}

/** The rungs of the ladder as sweep metrics, each with the colour of its rung. */
const RUNG_METRICS = [
  { metric: "unit.inference_per_user", series: "inference" },
  { metric: "unit.training_per_user", series: "training" },
  { metric: "unit.cac_blended", series: "acquisition" },
] as const;

/**
 * The lines of a one-axis sweep: the three rungs when the sweep has them all (the ladder
 * is where they stack in order), else the metric asked for.
 */
function sweepLines(report: SweepReport): { metric: string; series: string }[] {
  if (RUNG_METRICS.every((rung) => report.metrics.includes(rung.metric))) return [...RUNG_METRICS];
  return [{ metric: report.matrixMetric, series: "cac" }];
}

function lineFigure(report: SweepReport): Html {
  const axis = report.axes[0]!;
  const lines = sweepLines(report);
  const kind = metricKind(lines[0]!.metric);
  const currency = report.scenario.currency;
  const { xs, numeric } = positions(axis.values);
  const series = lines.map((line) => ({
    series: line.series,
    label: line.metric,
    dots: true,
    points: report.points.flatMap((point) => {
      const value = point.metrics[line.metric];
      return typeof value === "number" ? [[xs[point.indices[0]!]!, value] as Point] : [];
    }),
  }));
  const spans = stretches(xs);
  const bands = report.points.flatMap((point) =>
    point.holds ? [{ ...spans[point.indices[0]!]!, label: `the ladder holds at ${axis.path} = ${axis.labels[point.indices[0]!]}` }] : [],
  );
  const xTick = numeric
    ? (value: number) => shortLabel(axis.labels[0] ?? "", value)
    : (value: number) => axis.labels[Math.round(value)] ?? "";
  const { box, body } = lineChart({
    series,
    xDomain: [Math.min(...xs), Math.max(...xs)],
    yDomain: yDomainOf(series),
    xTick,
    yTick: metricTick(kind, currency),
    xTitle: axis.path,
    bands,
  });
  const named = lines.length > 1 ? "the three rungs per user" : lines[0]!.metric;
  return figure({
    id: "sweep",
    title: `${named}${unitOf(kind, currency)} as ${axis.path} goes ${axis.spec}`,
    description: `${report.points.length} points; the ladder holds at ${bands.length} of them, shaded.`,
    box,
    body,
    table: {
      head: [axis.path, ...lines.map((line) => line.metric), "ladder"],
      rows: report.points.map((point) => [
        axis.labels[point.indices[0]!]!,
        ...lines.map((line) => metricText(point.metrics[line.metric], metricKind(line.metric), currency)),
        point.holds ? "holds" : "does not hold",
      ]),
    },
    legend: html`<ul class="legend">${
      lines.length > 1
        ? lines.map(
            (line) =>
              html`<li><svg width="18" height="10" aria-hidden="true"><line class="s-${line.series}" x1="1" x2="17" y1="5" y2="5"/></svg>${line.series}</li>`,
          )
        : ""
    }<li><svg width="18" height="12" aria-hidden="true"><rect class="band" width="18" height="12"/></svg>the ladder holds</li></ul>`,
  });
}

function heatmapFigure(report: SweepReport): Html {
  const [rowAxis, columnAxis] = [report.axes[0]!, report.axes[1]!];
  const metric = report.matrixMetric;
  const kind = metricKind(metric);
  const currency = report.scenario.currency;
  const values = report.points.map((point) => {
    const value = point.metrics[metric];
    return typeof value === "number" ? value : null;
  });
  const { box, body } = heatmap({
    columns: columnAxis.labels.map((label, index) => shortLabel(label, columnAxis.values[index])),
    rows: rowAxis.labels.map((label, index) => shortLabel(label, rowAxis.values[index])),
    values,
    holds: report.points.map((point) => point.holds),
    cellLabel: (value) => (value === null ? "n/a" : metricTick(kind, currency)(value)),
    columnTitle: columnAxis.path,
    rowTitle: rowAxis.path,
  });
  return figure({
    id: "sweep",
    title: `${metric}${unitOf(kind, currency)} over ${rowAxis.path} × ${columnAxis.path}`,
    description: `A ${rowAxis.labels.length} by ${columnAxis.labels.length} grid of ${metric}; a heavy line outlines the cells where the ladder holds.`,
    box,
    body,
    table: {
      head: [`${rowAxis.path} \\ ${columnAxis.path}`, ...columnAxis.labels],
      rows: rowAxis.labels.map((label, row) => [
        label,
        ...columnAxis.labels.map((_, column) => {
          const point = report.points[row * columnAxis.labels.length + column]!;
          return `${metricText(point.metrics[metric], kind, currency)}${point.holds ? " ✓" : ""}`;
        }),
      ]),
    },
    legend: html`<ul class="legend"><li><svg width="18" height="12" aria-hidden="true"><rect class="holds-outline" x="1.5" y="1.5" width="15" height="9"/></svg>the ladder holds inside the heavy line</li></ul>`,
  });
}

function pointsTable(report: SweepReport): Html {
  const currency = report.scenario.currency;
  return html`<h2>Every point</h2><div class="table-wrap"><table class="points"><thead><tr>${report.axes.map((axis) => html`<th scope="col" class="text"><code>${axis.path}</code></th>`)}${report.metrics.map(
    (metric) => html`<th scope="col"><code>${metric}</code></th>`,
  )}</tr></thead><tbody>${report.points.map(
    (point) =>
      html`<tr${point.holds ? html` class="holds"` : ""}>${report.axes.map((axis, index) => html`<td class="text">${axis.labels[point.indices[index]!]}</td>`)}${report.metrics.map(
        (metric) => html`<td>${metricText(point.metrics[metric], metricKind(metric), currency)}</td>`,
      )}</tr>`,
  )}</tbody></table></div>`;
}
