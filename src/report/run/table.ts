import { Chalk, type ChalkInstance } from "chalk";
import type { RungName } from "../../model/index.js";
import type { JsonResult } from "../../result/json-result.js";
import { CHANNEL_COLUMNS, channelRows } from "./channel-rows.js";
import { ROUTE_COLUMNS, routeRows } from "./route-rows.js";
import { horizontalBar } from "../shared/bar.js";
import { renderTimelineChart } from "../shared/chart.js";
import { formatMoney, formatTimes, NOT_AVAILABLE, scenarioLine } from "../shared/format.js";
import { ladderVerdict, rungs, rungTexts } from "../shared/ladder.js";
import { SECTIONS } from "../../result/sections.js";
import { metricCell } from "../shared/metric-cell.js";
import type { RenderOptions } from "../shared/options.js";
import { fittedTable } from "../shared/table.js";
import { wrapText } from "../shared/width.js";
import { timelineColumns } from "./timeline-columns.js";

const RUNG_COLOR: Record<RungName, keyof ChalkInstance & ("cyan" | "magenta" | "yellow")> = {
  inference: "cyan",
  training: "magenta",
  acquisition: "yellow",
};

/**
 * The human view: each scenario's ladder first, then its figures side by side, within
 * `options.width` columns. Several scenarios are columns `#1`, `#2`, ... named by their
 * ladder's heading (as `compare` labels them), and tables too wide are folded.
 */
export function renderTable(results: readonly JsonResult[], options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const labels = results.length === 1 ? [""] : results.map((_, index) => `#${index + 1}`);
  const blocks = results.map((result, index) => ladderBlock(result, labels[index]!, options, chalk));
  for (const section of SECTIONS) blocks.push(sectionTable(results, section, labels, options.width, chalk));
  for (const result of results) if (result.channels.length > 0) blocks.push(channelTable(result, results.length > 1, options.width, chalk));
  for (const result of results) if (result.routes !== undefined) blocks.push(routeTable(result, results.length > 1, options.width, chalk));
  const servingPrices = servingPriceTable(results, labels, options.width, chalk);
  if (servingPrices !== null) blocks.push(servingPrices);
  for (const result of results)
    if (result.timeline)
      blocks.push(timelineTable(result, results.length > 1, options.width, chalk), timelineChart(result, options, chalk));
  return `${blocks.join("\n\n")}\n`;
}

function heading(result: JsonResult): string {
  return scenarioLine(result.scenario);
}

function ladderBlock(result: JsonResult, label: string, options: RenderOptions, chalk: ChalkInstance): string {
  const views = rungs(result.ladder);
  const currency = result.scenario.currency;
  const values = rungTexts(result.ladder, currency);
  const valueWidth = Math.max(...values.map((text) => text.length));
  const barWidth = Math.max(10, Math.min(48, options.width - 13 - valueWidth - 24));
  const max = Math.max(0, ...views.map((view) => view.value ?? 0));
  const lines = views.map((view, index) => {
    const bar = horizontalBar(view.value, max, barWidth).padEnd(barWidth);
    const below = index === 0 ? "" : `${formatTimes(view.timesBelow)} ${views[index - 1]!.name}`;
    return `  ${view.name.padEnd(12)} ${chalk[RUNG_COLOR[view.name]](bar)} ${values[index]!.padStart(valueWidth)}  ${below}`.trimEnd();
  });
  const verdict = ladderVerdict(result.ladder);
  const verdictText = result.ladder.holds ? chalk.green.bold(verdict) : chalk.red.bold(verdict);
  const title = wrapText(`${label === "" ? "" : `${label}  `}${heading(result)}`, options.width, "    ").join("\n");
  return [chalk.bold(title), "Cost ladder per acquired user", ...lines, `  Ladder ${verdictText}`].join("\n");
}

const RIGHT = "right" as const;

function sectionTable(
  results: readonly JsonResult[],
  section: (typeof SECTIONS)[number],
  labels: readonly string[],
  width: number,
  chalk: ChalkInstance,
): string {
  const names = results.length === 1 ? ["value"] : labels;
  const rows = section.rows.map((row) => [row.label, ...results.map((result) => metricCell(result, row))]);
  return fittedTable({ head: [section.title, ...names], rows, align: ["left", ...names.map(() => RIGHT)] }, width, chalk);
}

function channelTable(result: JsonResult, named: boolean, width: number, chalk: ChalkInstance): string {
  const title = named ? `Channels: ${result.scenario.name}` : "Channels";
  const head = [title, ...CHANNEL_COLUMNS];
  return fittedTable({ head, rows: channelRows(result), align: ["left", ...head.slice(1).map(() => RIGHT)] }, width, chalk);
}

/** Each route's share of the sessions, its tokens and its day-0 cost per session (model-v2.md 4). */
function routeTable(result: JsonResult, named: boolean, width: number, chalk: ChalkInstance): string {
  const title = named ? `Routes: ${result.scenario.name}` : "Routes";
  const rows = routeRows(result);
  const head = [title, ...ROUTE_COLUMNS];
  return fittedTable({ head, rows, align: ["left", ...head.slice(1).map(() => RIGHT)] }, width, chalk);
}

/**
 * The day-0 prices per 1M tokens each scenario with a single route is served at (a list
 * price, or a self-hosted model's GPU cost): one row per scenario, labelled as its ladder is.
 */
function servingPriceTable(results: readonly JsonResult[], labels: readonly string[], width: number, chalk: ChalkInstance): string | null {
  const rows = results.flatMap((result, index) => {
    const price = result.unit.serving_price;
    if (price === null) return [];
    const money = (value: number) => formatMoney(value, result.scenario.currency);
    return [
      [
        labels[index] === "" ? "day 0" : labels[index]!,
        money(price.input),
        money(price.cached_input),
        money(price.output),
        money(price.reasoning),
      ],
    ];
  });
  if (rows.length === 0) return null;
  return fittedTable(
    { head: ["Serving price per 1M tokens", "input", "cached", "output", "reasoning"], rows, align: ["left", RIGHT, RIGHT, RIGHT, RIGHT] },
    width,
    chalk,
  );
}

/** The cumulative spend under the timeline table, each line in its rung's colour; the day inference passes acquisition marked. */
function timelineChart(result: JsonResult, options: RenderOptions, chalk: ChalkInstance): string {
  const passes = result.milestones.inference_overtakes_acquisition_day;
  return renderTimelineChart(result.timeline ?? [], {
    width: options.width,
    currency: result.scenario.currency,
    marks: passes === null ? [] : [{ day: passes, label: "inference passes acquisition" }],
    paint: (series, text) => chalk[RUNG_COLOR[series]](text),
  });
}

function timelineTable(result: JsonResult, named: boolean, width: number, chalk: ChalkInstance): string {
  const columns = timelineColumns(result.scenario.currency);
  const title = named ? `Timeline: ${result.scenario.name}` : "Timeline";
  const rows = (result.timeline ?? []).map((row) => {
    const days = row.start_day === row.end_day ? `day ${row.start_day}` : `days ${row.start_day}-${row.end_day}`;
    return [days, ...columns.map((column) => column.cell(row) ?? NOT_AVAILABLE)];
  });
  return fittedTable(
    { head: [title, ...columns.map((column) => column.label)], rows, align: ["left", ...columns.map(() => RIGHT)] },
    width,
    chalk,
  );
}
