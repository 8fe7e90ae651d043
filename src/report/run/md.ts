import { formatMoney, formatTimes, plural } from "../shared/format.js";
import { ladderVerdict, rungs, rungTexts } from "../shared/ladder.js";
import { mdCode, mdStrong, mdTable, mdText } from "../shared/markdown.js";
import { SECTIONS } from "../../result/sections.js";
import { metricCell } from "../shared/metric-cell.js";
import type { JsonResult } from "../../result/json-result.js";
import { CHANNEL_COLUMNS, channelRows } from "./channel-rows.js";
import { ROUTE_COLUMNS, routeRows } from "./route-rows.js";
import { timelineColumns } from "./timeline-columns.js";

/** A table of plain text: every cell escaped. */
function textTable(head: string[], rows: string[][], align: ("left" | "right")[]): string {
  return mdTable(
    head.map(mdText),
    rows.map((row) => row.map(mdText)),
    align,
  );
}

/** The same report as the table, as GitHub-flavoured Markdown for pull-request comments. */
export function renderMarkdown(results: readonly JsonResult[]): string {
  const blocks: string[] = [];
  for (const result of results) {
    const { name, currency, horizon_days, file } = result.scenario;
    const views = rungs(result.ladder);
    blocks.push(
      `## ${mdText(name)}\n\n${mdText(`${currency}, ${plural(horizon_days, "day")}`)}, ${mdCode(file, "text")}\n\n` +
        `${mdStrong(`Cost ladder per acquired user ${ladderVerdict(result.ladder)}`)}\n\n` +
        textTable(
          ["rung", "per user", "times the rung below"],
          views.map((view, index) => [
            view.name,
            rungTexts(result.ladder, currency)[index]!,
            index === 0 ? "" : `${formatTimes(view.timesBelow)} ${views[index - 1]!.name}`,
          ]),
          ["left", "right", "right"],
        ),
    );
  }
  const names = results.length === 1 ? ["value"] : results.map((result) => result.scenario.name);
  for (const section of SECTIONS) {
    blocks.push(
      `### ${section.title}\n\n` +
        textTable(
          [section.title === SECTIONS[0]!.title ? "total" : "figure", ...names],
          section.rows.map((row) => [row.label.trim(), ...results.map((result) => metricCell(result, row))]),
          ["left", ...names.map(() => "right" as const)],
        ),
    );
  }
  for (const result of results) {
    if (result.channels.length === 0) continue;
    blocks.push(
      `### Channels${results.length > 1 ? `: ${mdText(result.scenario.name)}` : ""}\n\n` +
        textTable(["channel", ...CHANNEL_COLUMNS], channelRows(result), ["left", "right", "right", "right", "right", "right"]),
    );
  }
  for (const result of results) {
    if (result.routes === undefined) continue;
    blocks.push(
      `### Routes${results.length > 1 ? `: ${mdText(result.scenario.name)}` : ""}\n\n` +
        textTable(["route", ...ROUTE_COLUMNS], routeRows(result), ["left", "right", "right", "right", "right", "right", "right"]),
    );
  }
  const priced = results.filter((result) => result.unit.serving_price !== null);
  if (priced.length > 0) {
    blocks.push(
      "### Serving price per 1M tokens\n\n" +
        textTable(
          ["scenario", "input", "cached", "output", "reasoning"],
          priced.map((result) => {
            const price = result.unit.serving_price!;
            const money = (value: number) => formatMoney(value, result.scenario.currency);
            return [result.scenario.name, money(price.input), money(price.cached_input), money(price.output), money(price.reasoning)];
          }),
          ["left", "right", "right", "right", "right"],
        ),
    );
  }
  for (const result of results) {
    if (!result.timeline) continue;
    const columns = timelineColumns(result.scenario.currency);
    blocks.push(
      `### Timeline${results.length > 1 ? `: ${mdText(result.scenario.name)}` : ""}\n\n` +
        textTable(
          ["days", ...columns.map((column) => column.label)],
          result.timeline.map((row) => [`${row.start_day}-${row.end_day}`, ...columns.map((column) => column.cell(row))]),
          ["left", ...columns.map(() => "right" as const)],
        ),
    );
  }
  return `${blocks.join("\n\n")}\n`;
}
