import { type Html, html } from "../html.js";
import type { Frame } from "./axis.js";

/** The numbers a chart shows, as a table for screen readers and for copying. */
export interface DataTable {
  head: string[];
  rows: (string | number)[][];
}

export interface Figure {
  /** Unique in the page: ties the SVG to its title and description. */
  id: string;
  title: string;
  /** One sentence a screen reader says for the picture. */
  description: string;
  box: Frame;
  /** The SVG's content: axes and marks. */
  body: Html;
  table: DataTable;
  /** A line under the chart: the legend or a note. */
  legend?: Html;
}

/**
 * A chart as a figure: an `<svg role="img">` with its `<title>` and `<desc>`, a caption,
 * and its numbers in a `<details>` table beside it, so nothing is only in the picture.
 */
export function figure(chart: Figure): Html {
  return html`<figure class="chart" id="${chart.id}"><figcaption>${chart.title}</figcaption><svg viewBox="0 0 ${chart.box.width} ${chart.box.height}" style="max-width:${Math.round(chart.box.width * 1.3)}px" role="img" aria-labelledby="${chart.id}-t ${chart.id}-d" preserveAspectRatio="xMidYMid meet"><title id="${chart.id}-t">${chart.title}</title><desc id="${chart.id}-d">${chart.description}</desc>${chart.body}</svg>${chart.legend ?? ""}${dataTable(chart.table, chart.title)}</figure>`;
}

function dataTable(table: DataTable, caption: string): Html {
  return html`<details class="numbers"><summary>Numbers</summary><table><caption class="visually-hidden">${caption}</caption><thead><tr>${table.head.map(
    (cell) => html`<th scope="col">${cell}</th>`,
  )}</tr></thead><tbody>${table.rows.map((row) => html`<tr>${row.map((cell, index) => (index === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`)}</tbody></table></details>`;
}

/** A legend: a swatch of each series' colour (by its CSS class) and its name. */
export function legend(items: readonly { series: string; label: string; dashed?: boolean }[]): Html {
  return html`<ul class="legend">${items.map(
    (item) =>
      html`<li><svg width="18" height="10" aria-hidden="true"><line class="s-${item.series}${item.dashed ? " dashed" : ""}" x1="1" x2="17" y1="5" y2="5"/></svg>${item.label}</li>`,
  )}</ul>`;
}
