import type { ScaleLinear } from "d3-scale";
import { type Html, html } from "../html.js";

/** The plot area inside a chart's viewBox, in viewBox units. */
export interface Frame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * Charts are drawn in a small viewBox (about the width of one column of the page) so that,
 * scaled to fit 375 px, their text stays near 11 px.
 */
export function frame(overrides: Partial<Frame> = {}): Frame {
  return { width: 440, height: 250, top: 14, right: 18, bottom: 42, left: 62, ...overrides };
}

const innerWidth = (box: Frame) => box.width - box.left - box.right;
export const innerHeight = (box: Frame) => box.height - box.top - box.bottom;

/** Rounded to a tenth of a unit: enough for a viewBox, and the markup stays short. */
export const px = (value: number) => Math.round(value * 10) / 10;

/** A left axis with horizontal grid lines across the plot at each tick. */
export function leftAxis(box: Frame, y: ScaleLinear<number, number>, label: (value: number) => string, count = 5): Html {
  const ticks = y.ticks(count);
  return html`<g class="axis axis-y">${ticks.map(
    (tick) =>
      html`<line class="gridline" x1="${box.left}" x2="${box.width - box.right}" y1="${px(y(tick))}" y2="${px(y(tick))}"/><text x="${box.left - 6}" y="${px(y(tick))}" dy="0.32em" text-anchor="end">${label(tick)}</text>`,
  )}</g>`;
}

/** A bottom axis: the baseline, a tick and its label at each tick, and the axis title under them. */
export function bottomAxis(box: Frame, x: ScaleLinear<number, number>, label: (value: number) => string, title: string, count = 6): Html {
  const baseline = box.height - box.bottom;
  return html`<g class="axis axis-x"><line class="baseline" x1="${box.left}" x2="${box.width - box.right}" y1="${baseline}" y2="${baseline}"/>${x
    .ticks(count)
    .map(
      (tick) =>
        html`<line x1="${px(x(tick))}" x2="${px(x(tick))}" y1="${baseline}" y2="${baseline + 4}"/><text x="${px(x(tick))}" y="${baseline + 16}" text-anchor="middle">${label(tick)}</text>`,
    )}<text class="axis-title" x="${box.left + innerWidth(box) / 2}" y="${box.height - 4}" text-anchor="middle">${title}</text></g>`;
}
