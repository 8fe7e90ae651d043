import type { TimelineRow } from "../../model/index.js";
import { formatMoneyCompact } from "./format.js";

/**
 * A terminal line chart of cumulative acquisition, inference and training spend over the
 * horizon, drawn under `run --timeline` tables: plain characters, one glyph per line, so
 * it reads without colour; `paint` may colour each line's glyphs (on a TTY).
 */

export type ChartSeries = "acquisition" | "inference" | "training";

export interface ChartOptions {
  /** Columns of the whole chart, y-axis labels included. */
  width: number;
  currency: string;
  /** Rows of the plot area; default 12. */
  height?: number;
  /** Days at which to mark the x-axis, with what happens there. */
  marks?: { day: number; label: string }[];
  /** Colours a line's glyphs (identity without colour). */
  paint?: (series: ChartSeries, text: string) => string;
}

export const CHART_GLYPH: Record<ChartSeries, string> = { acquisition: "#", training: "+", inference: "*" };

/** Drawn in this order, so inference, the rung the chart is about, lies on top where lines meet. */
const DRAW_ORDER: readonly ChartSeries[] = ["training", "acquisition", "inference"];

const CUMULATIVE: Record<ChartSeries, (row: TimelineRow) => number> = {
  acquisition: (row) => row.cumulative_acquisition,
  inference: (row) => row.cumulative_inference,
  training: (row) => row.cumulative_training,
};

/** Narrower than this, a chart says nothing. */
export const MIN_CHART_WIDTH = 40;

/**
 * The value of a cumulative series after `x` days (0..H), by straight lines between the
 * ends of the periods: `(0, 0)`, then `(end_day + 1, cumulative)` for each period.
 */
function valueAfter(rows: readonly TimelineRow[], series: ChartSeries, x: number): number {
  let [x0, y0] = [0, 0];
  for (const row of rows) {
    const [x1, y1] = [row.end_day + 1, CUMULATIVE[series](row)];
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    [x0, y0] = [x1, y1];
  }
  return y0;
}

export function renderTimelineChart(rows: readonly TimelineRow[], options: ChartOptions): string {
  if (rows.length === 0) return "";
  const width = Math.max(MIN_CHART_WIDTH, Math.floor(options.width));
  const height = Math.max(4, options.height ?? 12);
  const paint = options.paint ?? ((_series: ChartSeries, text: string) => text);
  const days = rows.at(-1)!.end_day + 1;
  const finals = Object.fromEntries(DRAW_ORDER.map((series) => [series, CUMULATIVE[series](rows.at(-1)!)])) as Record<ChartSeries, number>;
  const top = Math.max(...rows.flatMap((row) => DRAW_ORDER.map((series) => CUMULATIVE[series](row)))) || 1;

  const middleRow = Math.floor((height - 1) / 2);
  // Each label is the value its row stands for.
  const axisLabels = [top, (top * (height - 1 - middleRow)) / (height - 1), 0].map((value) => formatMoneyCompact(value, options.currency));
  const labelWidth = Math.max(...axisLabels.map((label) => label.length));
  const plotWidth = width - labelWidth - 2;

  // The plot as a grid of cells, each a glyph and the series that drew it.
  const cells: (ChartSeries | null)[][] = Array.from({ length: height }, () => new Array<ChartSeries | null>(plotWidth).fill(null));
  const rowOf = (value: number) => height - 1 - Math.round((Math.max(0, value) / top) * (height - 1));
  for (const series of DRAW_ORDER) {
    let previous: number | null = null;
    for (let column = 0; column < plotWidth; column++) {
      const row = rowOf(valueAfter(rows, series, (column / (plotWidth - 1)) * days));
      // Fill the rise since the last column, so a steep line stays connected.
      const [from, to] = previous === null ? [row, row] : [Math.min(previous, row), Math.max(previous, row)];
      for (let r = from; r <= to; r++) if (r === row || r !== previous) cells[r]![column] = series;
      previous = row;
    }
  }

  const title = `Cumulative spend (${options.currency}), ${days === 1 ? "day 0" : `day 0 to day ${days - 1}`}`;
  const lines = [title.length <= width ? title : `Cumulative spend (${options.currency})`];
  cells.forEach((cellRow, index) => {
    const label = index === 0 ? axisLabels[0]! : index === middleRow ? axisLabels[1]! : index === height - 1 ? axisLabels[2]! : "";
    const tick = label === "" ? "│" : "┤";
    const plot = cellRow.map((series) => (series === null ? " " : paint(series, CHART_GLYPH[series]))).join("");
    lines.push(`${label.padStart(labelWidth)} ${tick}${plot}`.trimEnd());
  });
  lines.push(`${" ".repeat(labelWidth)} └${"─".repeat(plotWidth)}`);
  lines.push(xLabels(labelWidth + 2, plotWidth, days));
  for (const mark of options.marks ?? []) {
    const column = Math.round(((mark.day + 1) / days) * (plotWidth - 1));
    const text = `^ day ${mark.day}: ${mark.label}`;
    const start = labelWidth + 2 + column;
    lines.push(
      start + text.length <= width
        ? `${" ".repeat(start)}${text}`
        : `${" ".repeat(Math.max(0, start - text.length + 1))}${text.slice(2)} ^`,
    );
  }
  // The legend, as many entries a line as the width takes.
  const indent = " ".repeat(labelWidth + 2);
  let legend = "";
  let legendWidth = 0;
  for (const series of DRAW_ORDER.slice().reverse()) {
    const entry = `${series} ${formatMoneyCompact(finals[series], options.currency)}`;
    const entryWidth = entry.length + 2;
    if (legendWidth > 0 && indent.length + legendWidth + 3 + entryWidth > width) {
      lines.push(`${indent}${legend}`);
      [legend, legendWidth] = ["", 0];
    }
    legend += `${legendWidth > 0 ? "   " : ""}${paint(series, CHART_GLYPH[series])} ${entry}`;
    legendWidth += (legendWidth > 0 ? 3 : 0) + entryWidth;
  }
  lines.push(`${indent}${legend}`);
  return lines.join("\n");
}

/**
 * `day 0` under the start of the plot, the last day under its end, the middle between
 * when it is a day of its own; a one-day plot runs from the start to the end of day 0.
 */
function xLabels(indent: number, plotWidth: number, days: number): string {
  const line = new Array<string>(plotWidth).fill(" ");
  const place = (text: string, column: number) => {
    const start = Math.max(0, Math.min(plotWidth - text.length, column));
    for (let i = 0; i < text.length; i++) line[start + i] = text[i]!;
  };
  const [first, last] = days === 1 ? ["start of day 0", "end of day 0"] : ["day 0", `day ${days - 1}`];
  place(first, 0);
  const middleDay = Math.round(days / 2);
  const middle = `day ${middleDay}`;
  if (plotWidth >= 30 && middleDay > 0 && middleDay < days - 1) place(middle, Math.round(plotWidth / 2 - middle.length / 2));
  place(last, plotWidth - last.length);
  return `${" ".repeat(indent)}${line.join("")}`.trimEnd();
}
