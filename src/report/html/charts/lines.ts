import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { type Html, html } from "../html.js";
import { bottomAxis, type Frame, frame, leftAxis, px } from "./axis.js";

export type Point = readonly [x: number, y: number];

export interface LineSeries {
  /** The CSS class of its colour: `s-inference`. */
  series: string;
  label: string;
  points: readonly Point[];
  dashed?: boolean;
  /** Shade the area under the line (one series only reads well). */
  filled?: boolean;
  /** A dot at every point, for a few measured points (a sweep) rather than a daily curve. */
  dots?: boolean;
}

/** A moment marked on the chart: a vertical rule at x and a dot where it happens. */
export interface Marker {
  x: number;
  y: number;
  label: string;
}

export interface LineChartOptions {
  series: readonly LineSeries[];
  xDomain: [number, number];
  /** Shared by the charts of several scenarios, so that they compare. */
  yDomain: [number, number];
  xTick: (value: number) => string;
  yTick: (value: number) => string;
  xTitle: string;
  /** About how many x ticks; fewer for long labels (money). Default 6. */
  xTicks?: number;
  markers?: readonly Marker[];
  /** Ranges of x shaded behind the lines, e.g. where the ladder holds. */
  bands?: readonly { from: number; to: number; label: string }[];
  box?: Frame;
}

/** The y domain from 0 to the largest value of the series (1 when all are 0). */
export function yDomainOf(series: readonly { points: readonly Point[] }[]): [number, number] {
  const top = Math.max(0, ...series.flatMap((one) => one.points.map((point) => point[1])));
  const bottom = Math.min(0, ...series.flatMap((one) => one.points.map((point) => point[1])));
  return [bottom, top === bottom ? bottom + 1 : top];
}

export function lineChart(options: LineChartOptions): { box: Frame; body: Html } {
  const box = options.box ?? frame();
  const [x0, x1] = options.xDomain;
  const x = scaleLinear()
    .domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1])
    .range([box.left, box.width - box.right]);
  const y = scaleLinear()
    .domain(options.yDomain)
    .nice(5)
    .range([box.height - box.bottom, box.top]);
  const path = line<Point>()
    .x((point) => px(x(point[0])))
    .y((point) => px(y(point[1])));
  const under = area<Point>()
    .x((point) => px(x(point[0])))
    .y0(y(Math.max(0, y.domain()[0]!)))
    .y1((point) => px(y(point[1])));
  const plotTop = box.top;
  const plotBottom = box.height - box.bottom;
  const bands = (options.bands ?? []).map(
    (band) =>
      html`<rect class="band" x="${px(x(band.from))}" y="${plotTop}" width="${px(Math.max(1, x(band.to) - x(band.from)))}" height="${plotBottom - plotTop}"><title>${band.label}</title></rect>`,
  );
  const lines = options.series.map(
    (one) =>
      html`<g class="series">${one.filled ? html`<path class="area s-${one.series}" d="${under(one.points as Point[]) ?? ""}"/>` : ""}<path class="mark line s-${one.series}${one.dashed ? " dashed" : ""}" d="${
        path(one.points as Point[]) ?? ""
      }"><title>${one.label}</title></path>${
        one.dots
          ? one.points.map(
              (point) =>
                html`<circle class="mark point s-${one.series}" cx="${px(x(point[0]))}" cy="${px(y(point[1]))}" r="3.5"><title>${one.label}: ${options.xTick(point[0])}, ${options.yTick(point[1])}</title></circle>`,
            )
          : ""
      }</g>`,
  );
  const markers = (options.markers ?? []).map((marker, index) => {
    const [mx, my] = [px(x(marker.x)), px(y(marker.y))];
    // Labels alternate above and below the top so that two close milestones do not overprint.
    const labelY = plotTop + 10 + (index % 2) * 13;
    const anchor = mx > box.left + (box.width - box.left - box.right) * 0.7 ? "end" : "start";
    return html`<g class="milestone"><line x1="${mx}" x2="${mx}" y1="${plotTop}" y2="${plotBottom}"/><circle class="mark milestone-dot" cx="${mx}" cy="${my}" r="4"><title>${marker.label}</title></circle><text x="${anchor === "end" ? mx - 4 : mx + 4}" y="${labelY}" text-anchor="${anchor}">${marker.label}</text></g>`;
  });
  const body = html`${bands}${leftAxis(box, y, options.yTick)}${bottomAxis(box, x, options.xTick, options.xTitle, options.xTicks ?? 6)}${lines}${markers}`;
  return { box, body };
}
