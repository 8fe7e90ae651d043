import { scaleBand, scaleLinear } from "d3-scale";
import { type Html, html } from "../html.js";
import { bottomAxis, type Frame, frame, innerHeight, px } from "./axis.js";

/** One bar: its value, the series (a CSS class for the colour) and a title for the tooltip. */
export interface Bar {
  value: number;
  series: string;
  tooltip: string;
  /** Drawn with a heavy outline: e.g. a move that changes the ladder's verdict. */
  flagged?: boolean;
}

export interface BarRow {
  label: string;
  bars: Bar[];
  /** Text at the end of the row: the value, a ratio. */
  note?: string;
}

export interface BarChartOptions {
  rows: readonly BarRow[];
  /** The value axis, shared by several charts that must compare (e.g. one per scenario). */
  domain?: [number, number];
  tick: (value: number) => string;
  axisTitle: string;
  /** `grouped`: a row's bars side by side across its height; `overlay`: all from the same line (a tornado). */
  layout?: "grouped" | "overlay";
  /** Room for the row labels, in viewBox units; default: as wide as the longest label needs. */
  labelWidth?: number;
  /** The viewBox width; default 440 (one column of the page). */
  width?: number;
  rowHeight?: number;
  /** Room for the notes at the right, in viewBox units. */
  noteWidth?: number;
}

/** The domain of a value axis that must hold every bar and 0. */
export function barDomain(values: readonly number[]): [number, number] {
  return [Math.min(0, ...values), Math.max(0, ...values)];
}

/** About 6.4 viewBox units a character at the charts' 11.5 px, with a margin; at most 300. */
export function labelRoom(labels: readonly string[]): number {
  return Math.min(300, Math.round(14 + 6.4 * Math.max(4, ...labels.map((label) => label.length))));
}

/** Bars from 0 along one horizontal axis; labels at the left, each row's note at the right. */
export function horizontalBars(options: BarChartOptions): { box: Frame; body: Html } {
  const rowHeight = options.rowHeight ?? 34;
  const box = frame({
    width: options.width ?? 440,
    left: options.labelWidth ?? labelRoom(options.rows.map((row) => row.label)),
    right: options.noteWidth ?? 64,
    top: 8,
    height: 8 + 42 + rowHeight * Math.max(1, options.rows.length),
  });
  const domain = options.domain ?? barDomain(options.rows.flatMap((row) => row.bars.map((bar) => bar.value)));
  const x = scaleLinear()
    .domain(domain[0] === domain[1] ? [domain[0], domain[0] + 1] : domain)
    .nice(5)
    .range([box.left, box.width - box.right]);
  const y = scaleBand()
    .domain(options.rows.map((_, index) => String(index)))
    .range([box.top, box.top + innerHeight(box)])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const zero = x(0);
  const rows = options.rows.map((row, index) => {
    const top = y(String(index))!;
    const band = y.bandwidth();
    const grouped = options.layout !== "overlay";
    const slot = grouped ? band / Math.max(1, row.bars.length) : band;
    const bars = row.bars.map((bar, position) => {
      const end = x(bar.value);
      const [left, right] = [Math.min(zero, end), Math.max(zero, end)];
      // A bar too short to see still shows where it is.
      const width = Math.max(1.5, right - left);
      return html`<rect class="mark bar s-${bar.series}${bar.flagged ? " flagged" : ""}" x="${px(end < zero ? right - width : left)}" y="${px(top + (grouped ? position * slot : 0))}" width="${px(width)}" height="${px(slot - (grouped && row.bars.length > 1 ? 1 : 0))}"><title>${bar.tooltip}</title></rect>`;
    });
    const middle = px(top + band / 2);
    const extent = Math.max(zero, ...row.bars.map((bar) => x(bar.value)));
    return html`<g class="row"><text class="row-label" x="${box.left - 8}" y="${middle}" dy="0.32em" text-anchor="end">${row.label}</text>${bars}${
      row.note === undefined ? "" : html`<text class="note" x="${px(extent + 5)}" y="${middle}" dy="0.32em">${row.note}</text>`
    }</g>`;
  });
  const body = html`${bottomAxis(box, x, options.tick, options.axisTitle, 4)}<line class="zero" x1="${px(zero)}" x2="${px(zero)}" y1="${box.top}" y2="${box.height - box.bottom}"/>${rows}`;
  return { box, body };
}
