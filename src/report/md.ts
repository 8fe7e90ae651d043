import { formatMoney, formatNumber, formatPercent, formatTimes } from "./format.js";
import { ladderVerdict, rungs } from "./ladder.js";
import { metricCell, SECTIONS } from "./metrics.js";
import type { JsonResult } from "./result.js";
import { timelineColumns } from "./timeline-columns.js";

/** Text safe inside a GitHub table cell. */
export function mdCell(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\r?\n/g, " ");
}

function mdTable(head: string[], rows: string[][], align: ("left" | "right")[]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  const rule = `|${align.map((side) => (side === "right" ? " ---: " : " --- ")).join("|")}|`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

/** The same report as the table, as GitHub-flavoured Markdown for pull-request comments. */
export function renderMarkdown(results: readonly JsonResult[]): string {
  const blocks: string[] = [];
  for (const result of results) {
    const { name, currency, horizon_days, file } = result.scenario;
    const views = rungs(result.ladder);
    blocks.push(
      `## ${mdCell(name)}\n\n${currency}, ${horizon_days} days, \`${file}\`\n\n` +
        `**Cost ladder per acquired user ${ladderVerdict(result.ladder)}**\n\n` +
        mdTable(
          ["rung", "per user", "times the rung below"],
          views.map((view, index) => [view.name, formatMoney(view.value, currency), index === 0 ? "" : `${formatTimes(view.timesBelow)} ${views[index - 1]!.name}`]),
          ["left", "right", "right"],
        ),
    );
  }
  const names = results.length === 1 ? ["value"] : results.map((result) => result.scenario.name);
  for (const section of SECTIONS) {
    blocks.push(
      `### ${section.title}\n\n` +
        mdTable([section.title === SECTIONS[0]!.title ? "total" : "figure", ...names], section.rows.map((row) => [row.label.trim(), ...results.map((result) => metricCell(result, row))]), ["left", ...names.map(() => "right" as const)]),
    );
  }
  for (const result of results) {
    if (result.channels.length === 0) continue;
    const currency = result.scenario.currency;
    blocks.push(
      `### Channels${results.length > 1 ? `: ${mdCell(result.scenario.name)}` : ""}\n\n` +
        mdTable(
          ["channel", "share", "CPA", "spend", "installs"],
          result.channels.map((channel) => [channel.name, formatPercent(channel.share), formatMoney(channel.cpa, currency), formatMoney(channel.spend, currency), formatNumber(channel.installs)]),
          ["left", "right", "right", "right", "right"],
        ),
    );
  }
  for (const result of results) {
    if (!result.timeline) continue;
    const columns = timelineColumns(result.scenario.currency);
    blocks.push(
      `### Timeline${results.length > 1 ? `: ${mdCell(result.scenario.name)}` : ""}\n\n` +
        mdTable(
          ["days", ...columns.map((column) => column.label)],
          result.timeline.map((row) => [`${row.start_day}-${row.end_day}`, ...columns.map((column) => column.cell(row))]),
          ["left", ...columns.map(() => "right" as const)],
        ),
    );
  }
  return `${blocks.join("\n\n")}\n`;
}
