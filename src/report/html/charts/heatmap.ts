import { scaleBand, scaleLinear } from "d3-scale";
import { type Html, html } from "../html.js";
import { type Frame, frame, px } from "./axis.js";

export interface HeatmapOptions {
  /** Column labels (the second axis) and row labels (the first), as the user wrote the values. */
  columns: readonly string[];
  rows: readonly string[];
  /** Row-major, `rows.length * columns.length`: the metric, null where n/a. */
  values: readonly (number | null)[];
  holds: readonly boolean[];
  cellLabel: (value: number | null) => string;
  columnTitle: string;
  rowTitle: string;
}

/**
 * Viridis at five stops: ordered in lightness, so it reads in grey and with every
 * common colour-vision deficiency.
 */
const VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];

/** The edges between a cell where the ladder holds and one where it does not (or the grid's border), as one path. */
export function holdsOutline(
  rowCount: number,
  columnCount: number,
  holds: readonly boolean[],
  cell: (row: number, column: number) => { x: number; y: number; w: number; h: number },
): string {
  const at = (row: number, column: number) =>
    row >= 0 && row < rowCount && column >= 0 && column < columnCount && holds[row * columnCount + column] === true;
  const segments: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    for (let column = 0; column < columnCount; column++) {
      if (!at(row, column)) continue;
      const { x, y, w, h } = cell(row, column);
      if (!at(row - 1, column)) segments.push(`M${px(x)},${px(y)}h${px(w)}`);
      if (!at(row + 1, column)) segments.push(`M${px(x)},${px(y + h)}h${px(w)}`);
      if (!at(row, column - 1)) segments.push(`M${px(x)},${px(y)}v${px(h)}`);
      if (!at(row, column + 1)) segments.push(`M${px(x + w)},${px(y)}v${px(h)}`);
    }
  }
  return segments.join("");
}

export function heatmap(options: HeatmapOptions): { box: Frame; body: Html } {
  const cellHeight = 26;
  const box = frame({ left: 78, top: 10, bottom: 46, right: 12, height: 10 + 46 + cellHeight * options.rows.length });
  const x = scaleBand()
    .domain(options.columns.map((_, index) => String(index)))
    .range([box.left, box.width - box.right])
    .padding(0);
  const y = scaleBand()
    .domain(options.rows.map((_, index) => String(index)))
    .range([box.top, box.height - box.bottom])
    .padding(0);
  const numbers = options.values.filter((value): value is number => value !== null);
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const colour = scaleLinear<string>()
    .domain(VIRIDIS.map((_, index) => (numbers.length === 0 || low === high ? index : low + ((high - low) * index) / (VIRIDIS.length - 1))))
    .range(VIRIDIS);
  const cell = (row: number, column: number) => ({ x: x(String(column))!, y: y(String(row))!, w: x.bandwidth(), h: y.bandwidth() });
  const showValues = x.bandwidth() >= 34;
  const cells = options.values.map((value, position) => {
    const row = Math.floor(position / options.columns.length);
    const column = position % options.columns.length;
    const { x: cx, y: cy, w, h } = cell(row, column);
    const fill = value === null ? "" : colour(value);
    // Dark text on the light (yellow-green) end of viridis, light text on the dark end.
    const light = value !== null && (low === high || (value - low) / (high - low) < 0.55);
    const text = `${options.rowTitle} ${options.rows[row]}, ${options.columnTitle} ${options.columns[column]}: ${options.cellLabel(value)}; ladder ${options.holds[position] ? "holds" : "does not hold"}`;
    return html`<g class="cell"><rect class="mark cell${value === null ? " na" : ""}" x="${px(cx)}" y="${px(cy)}" width="${px(w)}" height="${px(h)}"${
      value === null ? "" : html` fill="${fill}"`
    }><title>${text}</title></rect>${
      showValues
        ? html`<text class="${light ? "on-dark" : "on-light"}" x="${px(cx + w / 2)}" y="${px(cy + h / 2)}" dy="0.32em" text-anchor="middle">${options.cellLabel(value)}</text>`
        : ""
    }</g>`;
  });
  const columnLabels = options.columns.map(
    (label, index) =>
      html`<text x="${px(x(String(index))! + x.bandwidth() / 2)}" y="${box.height - box.bottom + 14}" text-anchor="middle">${label}</text>`,
  );
  const rowLabels = options.rows.map(
    (label, index) =>
      html`<text x="${box.left - 6}" y="${px(y(String(index))! + y.bandwidth() / 2)}" dy="0.32em" text-anchor="end">${label}</text>`,
  );
  const outline = holdsOutline(options.rows.length, options.columns.length, options.holds, cell);
  const body = html`${cells}<path class="holds-outline" d="${outline}"><title>the ladder holds inside this line</title></path><g class="axis">${columnLabels}${rowLabels}<text class="axis-title" x="${box.left + (box.width - box.left - box.right) / 2}" y="${box.height - 6}" text-anchor="middle">${options.columnTitle}</text><text class="axis-title" transform="rotate(-90)" x="${-(box.top + (box.height - box.top - box.bottom) / 2)}" y="12" text-anchor="middle">${options.rowTitle}</text></g>`;
  return { box, body };
}
