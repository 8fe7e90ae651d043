import { scaleLinear } from "d3-scale";
import { type Html, html } from "../html.js";
import { bottomAxis, type Frame, frame, leftAxis, px } from "./axis.js";
import { countTick } from "./tick-format.js";

export interface HistogramBins {
  /** `counts.length + 1` edges, ascending; bin i is [edges[i], edges[i+1]). */
  edges: number[];
  counts: number[];
}

export interface HistogramOptions {
  bins: HistogramBins;
  /** Vertical rules with a label at the top: P10, P50, P90. */
  markers: readonly { value: number; label: string }[];
  xTick: (value: number) => string;
  xTitle: string;
  series: string;
  /** Shared by several histograms of one figure, e.g. the three rungs. */
  xDomain?: [number, number];
  box?: Frame;
}

export function histogram(options: HistogramOptions): { box: Frame; body: Html } {
  const box = options.box ?? frame({ height: 200 });
  const { edges, counts } = options.bins;
  const low = edges[0] ?? 0;
  const high = edges.at(-1) ?? 1;
  const x = scaleLinear()
    .domain(options.xDomain ?? (low === high ? [low - 1, high + 1] : [low, high]))
    .range([box.left, box.width - box.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...counts)])
    .nice(4)
    .range([box.height - box.bottom, box.top]);
  const bars = counts.map((count, index) => {
    const [from, to] = [edges[index]!, edges[index + 1]!];
    const left = x(from);
    const width = Math.max(1, x(to) - left - 1);
    return html`<rect class="mark bar s-${options.series}" x="${px(left)}" y="${px(y(count))}" width="${px(width)}" height="${px(y(0) - y(count))}"><title>${options.xTick(from)} to ${options.xTick(to)}: ${count} samples</title></rect>`;
  });
  const markers = options.markers.map(
    (marker, index) =>
      html`<g class="percentile"><line x1="${px(x(marker.value))}" x2="${px(x(marker.value))}" y1="${box.top}" y2="${box.height - box.bottom}"/><text x="${px(x(marker.value))}" y="${box.top + 8 + (index % 2) * 12}" dx="3">${marker.label}</text></g>`,
  );
  const body = html`${leftAxis(box, y, countTick, 4)}${bottomAxis(box, x, options.xTick, options.xTitle, 5)}${bars}${markers}`;
  return { box, body };
}
