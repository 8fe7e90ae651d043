import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { RungName } from "../model/index.js";
import type { JsonResult } from "../result/json-result.js";
import { horizontalBar } from "./bar.js";
import { renderTimelineChart } from "./chart.js";
import { formatMoney, formatNumber, formatPercent, formatTimes, NOT_AVAILABLE } from "./format.js";
import { ladderVerdict, rungs } from "./ladder.js";
import { SECTIONS } from "../result/sections.js";
import { metricCell } from "./metrics.js";
import type { RenderOptions } from "./options.js";
import { timelineColumns } from "./timeline-columns.js";

const RUNG_COLOR: Record<RungName, keyof ChalkInstance & ("cyan" | "magenta" | "yellow")> = {
  inference: "cyan",
  training: "magenta",
  acquisition: "yellow",
};

/** The human view: each scenario's ladder first, then its figures side by side. */
export function renderTable(results: readonly JsonResult[], options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const blocks = results.map((result) => ladderBlock(result, options, chalk));
  for (const section of SECTIONS) blocks.push(sectionTable(results, section, chalk));
  for (const result of results) if (result.channels.length > 0) blocks.push(channelTable(result, results.length > 1, chalk));
  for (const result of results) if (result.timeline) blocks.push(timelineTable(result, results.length > 1, chalk), timelineChart(result, options, chalk));
  return `${blocks.join("\n\n")}\n`;
}

function heading(result: JsonResult): string {
  const { name, currency, horizon_days, file } = result.scenario;
  return `${name}  (${currency}, ${horizon_days} days, ${file})`;
}

function ladderBlock(result: JsonResult, options: RenderOptions, chalk: ChalkInstance): string {
  const views = rungs(result.ladder);
  const currency = result.scenario.currency;
  const values = views.map((view) => formatMoney(view.value, currency));
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
  return [chalk.bold(heading(result)), "Cost ladder per acquired user", ...lines, `  Ladder ${verdictText}`].join("\n");
}

function newTable(head: string[], chalk: ChalkInstance, align: ("left" | "right")[]): Table.Table {
  return new Table({
    head: head.map((text) => chalk.bold(text)),
    colAligns: align,
    style: { head: [], border: [], compact: true },
  });
}

function sectionTable(results: readonly JsonResult[], section: (typeof SECTIONS)[number], chalk: ChalkInstance): string {
  const names = results.length === 1 ? ["value"] : results.map((result) => result.scenario.name);
  const table = newTable([section.title, ...names], chalk, ["left", ...names.map(() => "right" as const)]);
  for (const row of section.rows) table.push([row.label, ...results.map((result) => metricCell(result, row))]);
  return table.toString();
}

function channelTable(result: JsonResult, named: boolean, chalk: ChalkInstance): string {
  const currency = result.scenario.currency;
  const title = named ? `Channels: ${result.scenario.name}` : "Channels";
  const table = newTable([title, "share", "CPA", "spend", "installs"], chalk, ["left", "right", "right", "right", "right"]);
  for (const channel of result.channels) {
    table.push([channel.name, formatPercent(channel.share), formatMoney(channel.cpa, currency), formatMoney(channel.spend, currency), formatNumber(channel.installs)]);
  }
  return table.toString();
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

function timelineTable(result: JsonResult, named: boolean, chalk: ChalkInstance): string {
  const columns = timelineColumns(result.scenario.currency);
  const title = named ? `Timeline: ${result.scenario.name}` : "Timeline";
  const table = newTable([title, ...columns.map((column) => column.label)], chalk, ["left", ...columns.map(() => "right" as const)]);
  for (const row of result.timeline ?? []) {
    const days = row.start_day === row.end_day ? `day ${row.start_day}` : `days ${row.start_day}-${row.end_day}`;
    table.push([days, ...columns.map((column) => column.cell(row) ?? NOT_AVAILABLE)]);
  }
  return table.toString();
}
